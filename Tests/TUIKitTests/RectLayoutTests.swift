import Testing
import TUIKit

@Suite("Rectangles and layout")
struct RectLayoutTests {
    @Test("rows give fixed parts their size and share the rest")
    func rowsShareTheRest() {
        let parts = Rect(x: 0, y: 0, width: 10, height: 20).rows([.fixed(1), .fill, .fixed(2)])
        #expect(parts.map(\.height) == [1, 17, 2])
        #expect(parts.map(\.y) == [0, 1, 18])
    }

    @Test("flexible parts split by weight and respect minimums")
    func weights() {
        let parts = Rect(x: 0, y: 0, width: 30, height: 1).columns([.flexible(min: 0, weight: 2), .flexible(min: 0, weight: 1)])
        #expect(parts.map(\.width) == [20, 10])
        #expect(parts[1].x == 20)
        let minimums = Rect(x: 0, y: 0, width: 30, height: 1).columns([.flexible(min: 25), .flexible(min: 2)])
        #expect(minimums.map(\.width) == [26, 4] || minimums.map(\.width) == [27, 3])
        #expect(minimums.allSatisfy { $0.width >= 2 })
    }

    @Test("when space runs out, flexible parts shrink before fixed ones")
    func shrinking() {
        let parts = Rect(x: 0, y: 0, width: 10, height: 3).rows([.fixed(1), .flexible(min: 5), .fixed(1)])
        #expect(parts.map(\.height) == [1, 1, 1])
        let tiny = Rect(x: 0, y: 0, width: 1, height: 1).rows([.fixed(1), .flexible(min: 5), .fixed(1)])
        #expect(tiny.map(\.height) == [1, 0, 0])
    }

    @Test("two-way splits keep minimum sizes when possible")
    func pairs() {
        let (left, right) = Rect(x: 0, y: 0, width: 100, height: 5).splitHorizontally(leftPercent: 30, minLeft: 10, minRight: 40)
        #expect(left.width == 30 && right.width == 70 && right.x == 30)
        let (narrowLeft, narrowRight) = Rect(x: 0, y: 0, width: 45, height: 5).splitHorizontally(leftPercent: 80, minLeft: 10, minRight: 40)
        #expect(narrowRight.width == 35 && narrowLeft.width == 10)
        let (top, bottom) = Rect(x: 0, y: 0, width: 5, height: 10).splitVertically(topPercent: 50, minBottom: 8)
        #expect(top.height == 2 && bottom.height == 8 && bottom.y == 2)
    }

    @Test("helpers: inset, intersection, centered, row")
    func helpers() {
        let rect = Rect(x: 2, y: 3, width: 10, height: 6)
        #expect(rect.inset(by: 1) == Rect(x: 3, y: 4, width: 8, height: 4))
        #expect(rect.inset(by: 9).isEmpty)
        #expect(rect.intersection(Rect(x: 0, y: 0, width: 5, height: 5)) == Rect(x: 2, y: 3, width: 3, height: 2))
        #expect(rect.intersection(Rect(x: 50, y: 50, width: 5, height: 5)).isEmpty)
        #expect(rect.centered(width: 4, height: 2) == Rect(x: 5, y: 5, width: 4, height: 2))
        #expect(rect.row(2) == Rect(x: 2, y: 5, width: 10, height: 1))
        #expect(rect.row(9).isEmpty)
        #expect(Rect(x: 0, y: 0, width: -3, height: 2).width == 0)
    }
}
