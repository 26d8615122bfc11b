import Foundation

/// JSON indented by two spaces with sorted keys and `"key": value` pairs; empty arrays and
/// objects stay on one line (`[]`, `{}`), unlike Foundation's pretty printing.
public enum PrettyJSON {
    /// `object` (from `JSONSerialization`) as indented text; nil when it is not JSON.
    public static func render(_ object: Any) -> String? {
        var text = ""
        guard append(object, depth: 0, to: &text) else { return nil }
        return text
    }

    /// Parses `data` and renders it; nil when it is not JSON.
    public static func render(data: Data) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return nil }
        return render(object)
    }

    private static func append(_ value: Any, depth: Int, to text: inout String) -> Bool {
        let indent = String(repeating: "  ", count: depth + 1)
        let closing = String(repeating: "  ", count: depth)
        if let object = value as? [String: Any] {
            if object.isEmpty {
                text += "{}"
                return true
            }
            text += "{\n"
            for (index, key) in object.keys.sorted().enumerated() {
                guard let name = leaf(key), let member = object[key] else { return false }
                text += indent + name + ": "
                guard append(member, depth: depth + 1, to: &text) else { return false }
                text += index == object.count - 1 ? "\n" : ",\n"
            }
            text += closing + "}"
            return true
        }
        if let array = value as? [Any] {
            if array.isEmpty {
                text += "[]"
                return true
            }
            text += "[\n"
            for (index, element) in array.enumerated() {
                text += indent
                guard append(element, depth: depth + 1, to: &text) else { return false }
                text += index == array.count - 1 ? "\n" : ",\n"
            }
            text += closing + "]"
            return true
        }
        guard let rendered = leaf(value) else { return false }
        text += rendered
        return true
    }

    private static func leaf(_ value: Any) -> String? {
        guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .withoutEscapingSlashes]) else {
            return nil
        }
        return String(decoding: data, as: UTF8.self)
    }
}
