import FigwatchFetch
import Testing

@Suite("AddressPolicy")
struct AddressPolicyTests {
    @Test(arguments: [
        ("127.0.0.1", true), ("127.255.0.9", true), ("10.1.2.3", true), ("172.16.0.1", true),
        ("172.31.255.255", true), ("172.32.0.1", false), ("192.168.1.1", true), ("192.169.0.1", false),
        ("100.64.0.1", true), ("100.127.255.254", true), ("100.128.0.1", false), ("169.254.169.254", true),
        ("0.0.0.0", true), ("8.8.8.8", false), ("93.184.216.34", false),
        ("::1", true), ("::", true), ("fc00::1", true), ("fd12:3456::1", true), ("fe80::1", true),
        ("::ffff:127.0.0.1", true), ("::ffff:8.8.8.8", true), ("2001:4860:4860::8888", false),
    ])
    func privateNetworks(address: String, refused: Bool) throws {
        let ip = try #require(IPAddress(address))
        #expect(AddressPolicy.privateNetworks.refuses(ip) == refused)
    }

    @Test func narrowPolicyAlsoJudgesV4MappedAddresses() throws {
        let policy = AddressPolicy(refusing: ["127.0.0.2/32"])
        #expect(policy.refuses(try #require(IPAddress("127.0.0.2"))))
        #expect(policy.refuses(try #require(IPAddress("::ffff:127.0.0.2"))))
        #expect(!policy.refuses(try #require(IPAddress("127.0.0.1"))))
    }

    @Test(arguments: ["127.0.0.1", "::1", "fe80::1", "10.0.0.7"])
    func addressesPrintAsWritten(address: String) throws {
        #expect(try #require(IPAddress(address)).description == address)
    }
}
