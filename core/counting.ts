/**
 * Numbers in messages, as en-US writes them (`12,345`), without `toLocaleString`: its first call
 * loads ICU's number formatting, about 10 ms of a small file's whole check.
 */
export function withCommas(n: number): string {
    const [whole, fraction] = String(Math.abs(n)).split('.');
    const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
    return `${n < 0 ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** `1 loop`, `2,000 loops`. */
export function counted(n: number, noun: string): string {
    return `${withCommas(n)} ${noun}${n === 1 ? '' : 's'}`;
}
