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
