/// A rectangle of cells. Width and height are never negative.
public struct Rect: Sendable, Hashable, CustomStringConvertible {
    /// The left column.
    public var x: Int
    /// The top row.
    public var y: Int
    /// Columns; never negative.
    public var width: Int {
        didSet { width = max(0, width) }
    }
    /// Rows; never negative.
    public var height: Int {
        didSet { height = max(0, height) }
    }

    /// Creates a rectangle; negative sizes become 0.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// A rectangle at the origin with the given size.
    public init(size: Size) {
        self.init(x: 0, y: 0, width: size.width, height: size.height)
    }

    /// The empty rectangle at the origin.
    public static let zero = Rect(x: 0, y: 0, width: 0, height: 0)

    /// One past the right column.
    public var maxX: Int { x + width }
    /// One past the bottom row.
    public var maxY: Int { y + height }
    /// The width and height.
    public var size: Size { Size(width: width, height: height) }
    /// True when the rectangle holds no cell.
    public var isEmpty: Bool { width == 0 || height == 0 }

    /// True when the cell at `point` is inside.
    public func contains(_ point: Point) -> Bool {
        point.x >= x && point.x < maxX && point.y >= y && point.y < maxY
    }

    /// The rectangle shrunk by `dx` columns on each side and `dy` rows at top and bottom.
    public func inset(dx: Int, dy: Int) -> Rect {
        Rect(x: x + dx, y: y + dy, width: width - 2 * dx, height: height - 2 * dy)
    }

    /// The rectangle shrunk by `amount` on every side (a box's inside is `inset(by: 1)`).
    public func inset(by amount: Int) -> Rect {
        inset(dx: amount, dy: amount)
    }

    /// The part of this rectangle that is also inside `other` (empty when they do not meet).
    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x)
        let top = max(y, other.y)
        let right = min(maxX, other.maxX)
        let bottom = min(maxY, other.maxY)
        guard right > left, bottom > top else { return Rect(x: left, y: top, width: 0, height: 0) }
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// A rectangle of at most the given size, centered inside this one.
    public func centered(width wanted: Int, height wantedHeight: Int) -> Rect {
        let w = min(max(0, wanted), width)
        let h = min(max(0, wantedHeight), height)
        return Rect(x: x + (width - w) / 2, y: y + (height - h) / 2, width: w, height: h)
    }

    /// The one-row rectangle at row `index` (counted from the top), clipped to this rectangle.
    public func row(_ index: Int) -> Rect {
        guard index >= 0, index < height else { return Rect(x: x, y: y + max(0, index), width: width, height: 0) }
        return Rect(x: x, y: y + index, width: width, height: 1)
    }

    /// `x,y widthxheight`.
    public var description: String { "\(x),\(y) \(width)x\(height)" }
}
