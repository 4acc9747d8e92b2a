/// How much of a split one part takes.
public enum LayoutLength: Sendable, Hashable {
    /// Exactly this many cells (less only when the whole does not fit).
    case fixed(Int)
    /// A share of the space left after fixed and percentage parts, never less than `min`
    /// unless the whole does not fit. Shares are proportional to `weight`.
    case flexible(min: Int = 0, weight: Int = 1)
    /// This percentage of the whole.
    case percent(Int)

    /// A flexible part with no minimum and weight 1.
    public static let fill = LayoutLength.flexible(min: 0, weight: 1)
}
