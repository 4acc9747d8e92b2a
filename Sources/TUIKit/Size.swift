/// A size in terminal cells.
public struct Size: Sendable, Hashable, CustomStringConvertible {
    /// Columns.
    public var width: Int
    /// Rows.
    public var height: Int

    /// Creates a size; negative values become 0.
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// True when this size is at least `minimum` in both directions.
    public func contains(_ minimum: Size) -> Bool {
        width >= minimum.width && height >= minimum.height
    }

    /// `80x24`.
    public var description: String { "\(width)x\(height)" }
}
