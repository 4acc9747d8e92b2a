/// A one-line text input with a label, optional masking, horizontal scrolling, a maximum
/// length and a validation message shown under it.
///
/// Layout: `Label: value` on the first row of its rectangle, the error message (if any) on
/// the second. A masked field draws one mask glyph (`•`, or `*` in ASCII) per character; the
/// value itself is never drawn, never used as the mask, and hidden from `description`,
/// `debugDescription` and reflection.
public struct TextField: Widget, Sendable {
    /// The label drawn before the input.
    public var label: String
    /// The text typed so far. Setting it moves the cursor to the end.
    public var value: String {
        didSet { cursor = value.count }
    }
    /// True to draw mask glyphs instead of the value (passwords, client secrets).
    public var isMasked: Bool
    /// Text shown dimmed while the value is empty.
    public var placeholder: String
    /// The most characters the value may hold, or nil for no limit.
    public var maxLength: Int?
    /// Cells reserved for the label column (to align a form), or nil for the label's own width.
    public var labelWidth: Int?
    /// The message shown under the input, set by `validate()` and cleared when the value
    /// becomes valid again.
    public var errorMessage: String?
    /// Checks a value and returns a message for the operator, or nil when it is acceptable.
    public var validator: (@Sendable (String) -> String?)?
    /// The cursor position, in characters from the start of the value.
    public private(set) var cursor: Int

    /// Creates a field; the cursor starts at the end of `value`.
    public init(
        label: String, value: String = "", isMasked: Bool = false, placeholder: String = "",
        maxLength: Int? = nil, labelWidth: Int? = nil, validator: (@Sendable (String) -> String?)? = nil
    ) {
        self.label = label
        self.value = value
        self.isMasked = isMasked
        self.placeholder = placeholder
        self.maxLength = maxLength
        self.labelWidth = labelWidth
        self.validator = validator
        self.cursor = value.count
    }

    /// Rows the field needs: one, plus one while an error message is shown.
    public var preferredHeight: Int { errorMessage == nil ? 1 : 2 }

    /// Runs the validator, stores its message in `errorMessage`, and returns true when valid.
    @discardableResult
    public mutating func validate() -> Bool {
        errorMessage = validator?(value)
        return errorMessage == nil
    }

    /// Edits the value: printable characters insert at the cursor; Backspace, Delete,
    /// Left, Right, Home, End, Ctrl-A, Ctrl-E, Ctrl-U (erase to start) and Ctrl-K (erase to
    /// end) edit and move. Enter, Tab, Escape and vertical keys are left to the owner.
    public mutating func handle(_ key: Key) -> Bool {
        var characters = Array(value)
        let position = min(cursor, characters.count)
        var edited = false
        var newCursor = position
        switch key {
        case .character(let character):
            guard !character.unicodeScalars.contains(where: SafeDisplay.needsEscape) else { return true }
            if let maxLength, characters.count >= maxLength { return true }
            characters.insert(character, at: position)
            newCursor = position + 1
            edited = true
        case .backspace, .ctrl("h"):
            guard position > 0 else { return true }
            characters.remove(at: position - 1)
            newCursor = position - 1
            edited = true
        case .delete, .ctrl("d"):
            guard position < characters.count else { return true }
            characters.remove(at: position)
            edited = true
        case .left, .ctrl("b"):
            newCursor = max(0, position - 1)
        case .right, .ctrl("f"):
            newCursor = min(characters.count, position + 1)
        case .home, .ctrl("a"):
            newCursor = 0
        case .end, .ctrl("e"):
            newCursor = characters.count
        case .ctrl("u"):
            characters.removeFirst(position)
            newCursor = 0
            edited = true
        case .ctrl("k"):
            characters.removeLast(characters.count - position)
            edited = true
        default:
            return false
        }
        if edited {
            value = String(characters)
            if errorMessage != nil { validate() }
        }
        cursor = newCursor
        return true
    }

    /// Draws `Label: value` and the error message; places the buffer's cursor when focused.
    public func render(into buffer: inout ScreenBuffer, in rect: Rect, focused: Bool) {
        guard !rect.isEmpty else { return }
        buffer.fill(rect.row(0))
        let labelText = label.isEmpty ? "" : label + ": "
        // The label gives way so the input keeps some room (up to 8 cells, half a narrow field).
        let minimumInput = min(8, rect.width / 2)
        let labelCells = max(0, min(labelWidth ?? TextWidth.cells(of: labelText), rect.width - minimumInput))
        if labelCells > 0 {
            let fitted = TextWidth.truncate(labelText, toCells: labelCells, ellipsis: buffer.glyphs.ellipsis)
            buffer.put(fitted, x: rect.x, y: rect.y, role: .label, maxWidth: labelCells)
        }
        let inputX = rect.x + labelCells
        let inputWidth = rect.maxX - inputX
        if inputWidth > 0 {
            renderInput(into: &buffer, x: inputX, y: rect.y, width: inputWidth, focused: focused)
        }
        if let errorMessage, rect.height >= 2 {
            let errorX = inputWidth >= 10 ? inputX : rect.x
            let errorRect = Rect(x: errorX, y: rect.y + 1, width: rect.maxX - errorX, height: 1)
            buffer.fill(errorRect)
            buffer.put(errorMessage, in: errorRect, role: .error)
        }
    }

    private func renderInput(into buffer: inout ScreenBuffer, x: Int, y: Int, width: Int, focused: Bool) {
        let role: StyleRole = focused ? .inputFocused : (isMasked ? .secret : .input)
        buffer.fill(Rect(x: x, y: y, width: width, height: 1), role: role)
        let shown: [String] =
            isMasked
            ? Array(repeating: buffer.glyphs.mask, count: value.count)
            : value.map { SafeDisplay.visible(String($0)) }
        let widths = shown.map { max(1, TextWidth.cells(of: $0)) }
        let cursorCell = widths.prefix(min(cursor, widths.count)).reduce(0, +)
        // Keep the cursor visible: it needs one cell after the text it follows.
        let scroll = max(0, cursorCell - (width - 1))
        if value.isEmpty && !placeholder.isEmpty {
            let fitted = TextWidth.truncate(placeholder, toCells: width, ellipsis: buffer.glyphs.ellipsis)
            buffer.put(fitted, x: x, y: y, role: .placeholder, maxWidth: width)
        }
        var column = 0
        for (piece, pieceWidth) in zip(shown, widths) {
            defer { column += pieceWidth }
            if column < scroll { continue }
            let offset = column - scroll
            if offset + pieceWidth > width { break }
            buffer.put(piece, x: x + offset, y: y, role: role, maxWidth: width - offset)
        }
        if focused {
            buffer.cursor = Point(x: x + min(width - 1, cursorCell - scroll), y: y)
        }
    }
}

extension TextField: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The label and the value, or a mask of the value when the field is masked.
    public var description: String {
        "TextField(\(label): \(isMasked ? "<masked \(value.count) characters>" : value))"
    }

    /// Same as `description`: a masked value is never printed.
    public var debugDescription: String { description }

    /// Reflection shows the masked description, never a masked value.
    public var customMirror: Mirror {
        Mirror(self, children: ["label": label, "value": isMasked ? "<masked>" : value], displayStyle: .struct)
    }
}
