import Foundation

/// One page of a list (`_embedded.<plural>` and `_links.next.href`).
public struct ListPage<Item: Sendable & Hashable>: Sendable, Hashable {
    /// The items on this page.
    public var items: [Item]
    /// The next page, when there is one: build ``RequestBuilder/nextPage(_:workerToken:)`` with it.
    public var next: URL?

    /// A page with the given items.
    public init(items: [Item], next: URL? = nil) {
        self.items = items
        self.next = next
    }
}
