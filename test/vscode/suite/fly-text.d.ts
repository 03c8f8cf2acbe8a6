// Example `.fly` files imported as text into the suite's bundles (esbuild's text loader).
declare module '*.fly' {
    const text: string;
    export default text;
}
