import MesosModel
import Testing

@testable import MesosResources

@Suite("Resource validation")
struct ResourceValidationTests {
    static func reserved(_ reservations: [ReservationInfo], role: String? = nil, reservation: ReservationInfo? = nil)
        -> Resource
    {
        Resource(name: "cpus", type: .scalar, scalar: 1, role: role, reservation: reservation, reservations: reservations)
    }

    static let cases: [(Resource, String)] = [
        (Resource(name: "", type: .scalar, scalar: 1), "Empty resource name"),
        (Resource(name: String(repeating: "x", count: 300), type: .scalar, scalar: 1), "Resource name is longer than 256 bytes"),
        (Resource(name: "cpus", type: .scalar), "Invalid scalar resource"),
        (Resource(name: "cpus", type: .scalar, scalar: 1, set: ["a"]), "Invalid scalar resource"),
        (.scalar(name: "cpus", value: -0.5), "Invalid scalar resource: value <= 0"),
        (.scalar(name: "cpus", value: 0.0004), "Invalid scalar resource: value <= 0"),
        (.scalar(name: "cpus", value: .nan), "Invalid scalar resource: value is not a finite number"),
        (.scalar(name: "cpus", value: .infinity), "Invalid scalar resource: value is not a finite number"),
        (.scalar(name: "mem", value: 2e12), "Invalid scalar resource: value > 1000000000000"),
        (Resource(name: "ports", type: .ranges, scalar: 1), "Invalid ranges resource"),
        (.ranges(name: "ports", ranges: [Value.Range(begin: 5, end: 1)]), "Invalid ranges resource: begin > end"),
        (.ranges(name: "ports", ranges: [Value.Range(begin: 5, end: 9), Value.Range(begin: 1, end: 5)]),
            "Invalid ranges resource: overlapping ranges"),
        (Resource(name: "zones", type: .set), "Invalid set resource"),
        (.set(name: "zones", items: ["a", "b", "a"]), "Invalid set resource: duplicated elements"),
        (Resource(name: "rack", type: .text), "Unsupported resource type"),
        (Resource(name: "cpus", type: .scalar, scalar: 1, disk: DiskInfo()), "DiskInfo should not be set for cpus resource"),
        (Resource(name: "disk", type: .scalar, scalar: 1,
            disk: DiskInfo(source: DiskInfo.Source(type: .block, mount: DiskInfo.Source.Root(root: "/x")))),
            "Mount should not be set for BLOCK disk source"),
        (.scalar(name: "cpus", value: 1, role: "eng team"),
            "Role component 'eng team' is invalid because it contains backspace or whitespace"),
        (.scalar(name: "cpus", value: 1, role: "eng/-x"), "Role component '-x' is invalid because it starts with a dash"),
        (.scalar(name: "cpus", value: 1, role: "a/../b"), "Role 'a/../b' cannot include '..' as a component"),
        (reserved([], role: "*", reservation: ReservationInfo(principal: "p")),
            "Invalid reservation: role \"*\" cannot be dynamically reserved"),
        (reserved([ReservationInfo(role: "eng")]),
            "Invalid reservation: 'Resource.ReservationInfo.type' field must be set."),
        (reserved([ReservationInfo(type: .static)]),
            "Invalid reservation: 'Resource.ReservationInfo.role' field must be set."),
        (reserved([ReservationInfo(type: .static, role: "*")]), "Invalid reservation: role \"*\" cannot be reserved"),
        (reserved([ReservationInfo(type: .static, role: "eng"), ReservationInfo(type: .static, role: "eng/web")]),
            "Invalid refined reservation: A refined reservation cannot be STATIC"),
        (reserved([ReservationInfo(type: .static, role: "eng"), ReservationInfo(type: .dynamic, role: "ops")]),
            "Invalid refined reservation: role 'ops' is not a refinement of 'eng'"),
        (reserved([ReservationInfo(type: .static, role: "eng")], role: "ops"),
            "Invalid resource format: 'Resource.role' field with 'ops' does not match the role 'eng' in 'Resource.reservations'"),
        (Resource(name: "cpus", type: .scalar, scalar: 1, shared: SharedInfo()), "Resource cpus cannot be shared"),
        (Resource(name: "disk", type: .scalar, scalar: 1, shared: SharedInfo()), "Only persistent volumes can be shared"),
    ]

    @Test("each kind of invalid resource is reported in Mesos's words", arguments: cases)
    func reportsProblem(resource: Resource, message: String) {
        #expect(Resources.validate(resource)?.message == message)
        #expect(Resources(resource).isEmpty)
    }

    @Test("the list form names the offending resource")
    func namesResource() {
        let error = Resources.validate([.scalar(name: "cpus", value: 1), .scalar(name: "mem", value: -1)])
        #expect(error?.message == "Resource 'mem:-1' is invalid: Invalid scalar resource: value <= 0")
        #expect(Resources.validate([.scalar(name: "cpus", value: .nan)])?.message
            == "Resource 'cpus:nan' is invalid: Invalid scalar resource: value is not a finite number")
    }

    @Test("valid resources in either reservation format pass")
    func acceptsValid() {
        var dynamicOld = Resource.scalar(name: "cpus", value: 1, role: "eng")
        dynamicOld.reservation = ReservationInfo(principal: "ops")
        let valid: [Resource] = [
            .scalar(name: "cpus", value: 0),
            .scalar(name: "cpus", value: 0.001),
            .scalar(name: "cpus", value: 1, role: "*"),
            .ranges(name: "ports", ranges: [Value.Range(begin: 1, end: 2), Value.Range(begin: 3, end: 4)]),
            .set(name: "zones", items: []),
            dynamicOld,
            Self.reserved([ReservationInfo(type: .static, role: "eng"), ReservationInfo(type: .dynamic, role: "eng/web")]),
            Self.reserved([ReservationInfo(type: .dynamic, role: "eng", principal: "p")], role: "eng",
                reservation: ReservationInfo(principal: "p")),
        ]
        #expect(Resources.validate(valid) == nil)
    }

    @Test("role names follow Mesos's rules")
    func roles() {
        #expect(RoleName.validationError("*") == nil)
        #expect(RoleName.validationError("eng/web.1") == nil)
        #expect(RoleName.validationError("") == "Role names cannot be the empty string")
        #expect(RoleName.validationError("a//b") == "Role 'a//b' cannot contain two adjacent slashes")
        #expect(RoleName.validationError("a/*") == "Role 'a/*' cannot include '*' as a component")
        #expect(RoleName.isStrictSubrole("eng/web", of: "eng"))
        #expect(!RoleName.isStrictSubrole("engineering", of: "eng"))
        #expect(!RoleName.isStrictSubrole("eng", of: "eng"))
        #expect(RoleName.ancestors(of: "a/b/c") == ["a/b", "a"])
    }
}
