import TestSupport
import Testing
import TUIKit

let regions = ChoiceList(
    items: [
        .init("NA", detail: "auth.pingone.com"), .init("CA", detail: "auth.pingone.ca"),
        .init("EU", detail: "auth.pingone.eu"), .init("AU", detail: "auth.pingone.com.au"),
        .init("SG", detail: "auth.pingone.sg"), .init("AP", detail: "auth.pingone.asia"),
    ], selectedIndex: 2)

@Suite("ChoiceList and MultiSelect")
struct ListWidgetTests {
    @Test("the chosen item is marked with a pointer and a radio mark, details beside titles")
    func choiceListSnapshot() {
        PlainTextSnapshot.expect(
            PlainTextSnapshot.render(regions, width: 40, height: 6),
            equals: """
                  ( ) NA  auth.pingone.com
                  ( ) CA  auth.pingone.ca
                › (•) EU  auth.pingone.eu
                  ( ) AU  auth.pingone.com.au
                  ( ) SG  auth.pingone.sg
                  ( ) AP  auth.pingone.asia
                """)
        let buffer = PlainTextSnapshot.render(regions, width: 40, height: 6)
        #expect(buffer[0, 2].role == .selection && buffer[39, 2].role == .selection)
        #expect(buffer[10, 0].role == .hint)
        let unfocused = PlainTextSnapshot.render(regions, width: 40, height: 6, focused: false, glyphs: .ascii)
        #expect(unfocused.plainTextLines()[2] == "  (*) EU  auth.pingone.eu")
        #expect(unfocused[0, 2].role == .normal)
    }

    @Test("the list scrolls to keep the choice visible and truncates details")
    func choiceListSmall() {
        PlainTextSnapshot.expect(
            PlainTextSnapshot.render(regions, width: 10, height: 3),
            equals: """
                  ( ) CA
                › (•) EU
                  ( ) AU
                """)
        PlainTextSnapshot.expect(
            PlainTextSnapshot.render(regions, width: 20, height: 5),
            equals: """
                  ( ) NA  auth.ping…
                  ( ) CA  auth.ping…
                › (•) EU  auth.ping…
                  ( ) AU  auth.ping…
                  ( ) SG  auth.ping…
                """)
        PlainTextSnapshot.expect(PlainTextSnapshot.render(regions, width: 1, height: 1), equals: "›")
    }

    @Test("arrow and vim keys move the choice within bounds; other keys are left alone")
    func choiceListKeys() {
        var list = regions
        let movedDown = list.handle(.down)
        #expect(movedDown && list.selectedItem?.title == "AU")
        let movedUp = list.handle(.character("k"))
        #expect(movedUp && list.selectedItem?.title == "EU")
        _ = list.handle(.end)
        _ = list.handle(.down)
        #expect(list.selectedIndex == 5)
        _ = list.handle(.home)
        _ = list.handle(.up)
        #expect(list.selectedIndex == 0)
        let usedEnter = list.handle(.enter)
        let usedX = list.handle(.character("x"))
        #expect(!usedEnter && !usedX)
        var empty = ChoiceList(items: [])
        _ = empty.handle(.down)
        #expect(empty.selectedItem == nil)
        #expect(PlainTextSnapshot.render(empty, width: 10, height: 2).plainText() == "\n")
    }

    @Test("space toggles checkboxes; preselected items start checked")
    func multiSelect() {
        var scopes = MultiSelect(items: [
            .init("openid", detail: "OpenID Connect"), .init("profile"), .init("p1:update:user", isSelected: true),
        ])
        PlainTextSnapshot.expect(
            PlainTextSnapshot.render(scopes, width: 40, height: 3),
            equals: """
                › [ ] openid          OpenID Connect
                  [ ] profile
                  [x] p1:update:user
                """)
        let toggled = scopes.handle(.character(" "))
        #expect(toggled)
        _ = scopes.handle(.down)
        _ = scopes.handle(.character(" "))
        #expect(scopes.selectedItems.map(\.title) == ["openid", "profile", "p1:update:user"])
        _ = scopes.handle(.character("j"))
        _ = scopes.handle(.character(" "))
        #expect(scopes.selectedItems.map(\.title) == ["openid", "profile"])
        let usedEnter = scopes.handle(.enter)
        #expect(!usedEnter)
        PlainTextSnapshot.expect(
            PlainTextSnapshot.render(scopes, width: 12, height: 2),
            equals: """
                  [x] profi…
                › [ ] p1:up…
                """)
    }
}
