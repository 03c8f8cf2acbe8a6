/** A small healthy wheel shared by the pull-request tests: two reinforcing loops, cost and quality on the wheel. */
export const SHOP = `flywheel Shop "A shop" {
    goal sales "Sales"
    quality driver reviews "Reviews"
    driver buyers "Buyers"
    cost driver price "Low prices"
    sales -> reviews -> buyers -> sales
    buyers -> price "scale" -> sales
}
`;

/**
 * A clean wheel with two reinforcing loops, g -> c -> q -> g (R1) and g -> c -> p -> q -> g (R2),
 * `c` and `q` on both, with `members` added (the initiative tests).
 */
export const twoLoopWheel = (members: string) => `flywheel W {
    goal g
    cost driver c
    quality driver q
    driver p
    g -> c -> q -> g
    c -> p -> q
${members}
}`;
