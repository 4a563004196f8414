import FigwatchCore
import Foundation
import Testing

struct JSONObjectTests {
    @Test func keepsOrderAndNulls() {
        var object = JSONObject()
        object.add("entity", nil as String?)
        object.add("value", "-600000000000")
        object.add("offset", 42)
        object.add("inferred", false)
        object.add("alternates", raw: JSONObject.array([]))
        #expect(object.description == #"{"entity":null,"value":"-600000000000","offset":42,"inferred":false,"alternates":[]}"#)
    }

    @Test func escapesAndParsesBack() throws {
        let nasty = "市值 \"quoted\" back\\slash\nline\ttab \u{01} \u{2028} 😀"
        var object = JSONObject()
        object.add("s", nasty)
        let parsed = try JSONSerialization.jsonObject(with: Data(object.description.utf8)) as? [String: String]
        #expect(parsed?["s"] == nasty)
    }
}
