import MesosModel
import Testing

@testable import MesosResources

@Suite("Resources arithmetic and queries")
struct ResourcesTests {
    let cpus = Resource.scalar(name: "cpus", value: 1)

    @Test("resources of the same kind merge; different reservations stay apart")
    func merging() {
        let resources = Resources([
            .scalar(name: "cpus", value: 1), .scalar(name: "cpus", value: 2.5), .scalar(name: "cpus", value: 4, role: "eng"),
        ])
        #expect(resources.count == 2)
        #expect(resources.cpus == 7.5)
        #expect(resources.unreserved.cpus == 3.5)
        #expect(resources.reserved(for: "eng").cpus == 4)
        #expect(resources.reserved().cpus == 4)
    }

    @Test("0.1 + 0.2 is exactly 0.3, and zero-valued resources disappear")
    func fixedPoint() {
        let sum = Resources([.scalar(name: "cpus", value: 0.1)]) + Resources([.scalar(name: "cpus", value: 0.2)])
        #expect(sum.cpus == 0.3)
        #expect((sum - Resources([.scalar(name: "cpus", value: 0.3)])).isEmpty)
        #expect(Resources([.scalar(name: "cpus", value: 0)]).isEmpty)
        #expect(Resources([.ranges(name: "ports", ranges: [])]).isEmpty)
    }

    @Test("subtracting more than held removes the resource")
    func overSubtraction() {
        let left = Resources([cpus, .scalar(name: "mem", value: 10)]) - Resources([.scalar(name: "cpus", value: 5)])
        #expect(left.cpus == nil)
        #expect(left.mem == 10)
    }

    @Test("cutting ports out of the middle splits the range")
    func splitsRanges() {
        let all = Resources([.ranges(name: "ports", ranges: [Value.Range(begin: 31000, end: 32000)])])
        let used = Resources([.ranges(name: "ports", ranges: [Value.Range(begin: 31500, end: 31501)])])
        #expect((all - used).ports == [Value.Range(begin: 31000, end: 31499), Value.Range(begin: 31502, end: 32000)])
        #expect(all.contains(used))
        #expect(!(all - used).contains(used))
        #expect((all - used + used) == all)
    }

    @Test("adjacent and overlapping ranges coalesce")
    func coalesces() {
        let ports = Resources([
            .ranges(name: "ports", ranges: [Value.Range(begin: 1, end: 2)]),
            .ranges(name: "ports", ranges: [Value.Range(begin: 3, end: 5), Value.Range(begin: 10, end: 12)]),
            .ranges(name: "ports", ranges: [Value.Range(begin: 11, end: 20)]),
        ])
        #expect(ports.ports == [Value.Range(begin: 1, end: 5), Value.Range(begin: 10, end: 20)])
        let edge = Resources([.ranges(name: "ports", ranges: [Value.Range(begin: UInt64.max - 1, end: .max), Value.Range(begin: 0, end: 0)])])
        #expect(edge.ports == [Value.Range(begin: 0, end: 0), Value.Range(begin: UInt64.max - 1, end: .max)])
    }

    @Test("invalid resources are dropped from a Resources value")
    func dropsInvalid() {
        let resources = Resources([.scalar(name: "cpus", value: -1), .scalar(name: "mem", value: .nan), .scalar(name: "disk", value: 5)])
        #expect(resources.names == ["disk"])
        #expect(!resources.contains(Resource.scalar(name: "cpus", value: -1)))
    }

    @Test("contains compares like with like")
    func containment() {
        let held = Resources([.scalar(name: "cpus", value: 4), .scalar(name: "mem", value: 1024, role: "eng")])
        #expect(held.contains(Resources([.scalar(name: "cpus", value: 4)])))
        #expect(!held.contains(Resources([.scalar(name: "cpus", value: 4.001)])))
        #expect(!held.contains(Resources([.scalar(name: "mem", value: 1)])))  // reserved, not unreserved
        #expect(held.contains(Resource.scalar(name: "mem", value: 1024, role: "eng")))
        #expect(held.flattened().contains(Resources([.scalar(name: "mem", value: 1024)])))
    }

    @Test("allocatableTo includes unreserved and reservations of the role and its ancestors")
    func allocatable() {
        let resources = Resources([
            .scalar(name: "cpus", value: 1),
            .scalar(name: "cpus", value: 2, role: "eng"),
            .scalar(name: "cpus", value: 4, role: "eng/web"),
            .scalar(name: "cpus", value: 8, role: "ops"),
            .scalar(name: "cpus", value: 16, role: "engineering"),
        ])
        #expect(resources.allocatableTo(role: "eng/web").cpus == 7)
        #expect(resources.allocatableTo(role: "eng").cpus == 3)
        #expect(resources.allocatableTo(role: "ops").cpus == 9)
        #expect(resources.allocatableTo(role: "dev").cpus == 1)
        #expect(Set(resources.reservations.keys) == ["eng", "eng/web", "ops", "engineering"])
        #expect(resources.flattened().count == 1)
        #expect(resources.flattened().cpus == 31)
    }

    @Test("allocation info keeps allocations apart and can be removed")
    func allocation() {
        let offered = Resources([cpus]).allocated(to: "web") + Resources([cpus]).allocated(to: "batch")
        #expect(offered.count == 2)
        #expect(offered.allocations["web"]?.cpus == 1)
        #expect(offered.unallocated() == Resources([.scalar(name: "cpus", value: 2)]))
        #expect(!Resources([cpus]).contains(Resources([cpus]).allocated(to: "web")))
    }

    @Test("the deprecated role format is upgraded, and downgraded on request")
    func reservationFormats() throws {
        var dynamic = Resource.scalar(name: "cpus", value: 1, role: "eng")
        dynamic.reservation = ReservationInfo(principal: "ops")
        let upgraded = dynamic.upgraded()
        #expect(upgraded.role == nil && upgraded.reservation == nil)
        #expect(upgraded.reservations == [ReservationInfo(type: .dynamic, role: "eng", principal: "ops")])
        #expect(upgraded.isDynamicallyReserved)
        let downgraded = try #require(upgraded.downgraded())
        #expect(downgraded.role == "eng" && downgraded.reservation == ReservationInfo(principal: "ops"))
        #expect(downgraded.reservations.isEmpty)
        #expect(Resource.scalar(name: "cpus", value: 1).downgraded()?.role == "*")
        var refined = Resource.scalar(name: "cpus", value: 1)
        refined.reservations = [ReservationInfo(type: .static, role: "eng"), ReservationInfo(type: .dynamic, role: "eng/web")]
        #expect(refined.downgraded() == nil)
        #expect(refined.reservationRole == "eng/web")
        #expect(Resources([refined]).reserved(for: "eng/web").cpus == 1)
        // Both formats of the same reservation are the same resource.
        #expect(Resources([.scalar(name: "cpus", value: 1, role: "eng")]) == Resources([Resource(name: "cpus", type: .scalar, scalar: 1, reservations: [ReservationInfo(type: .static, role: "eng")])]))
    }

    @Test("persistent volumes and exclusive disks never merge; shared volumes are counted")
    func disks() {
        var volume = Resource.scalar(name: "disk", value: 10, role: "eng")
        volume.disk = DiskInfo(persistence: DiskInfo.Persistence(id: "v1"))
        let twoVolumes = Resources([volume, volume])
        #expect(twoVolumes.count == 2)
        #expect(twoVolumes.disk == 20)
        #expect(twoVolumes.contains(Resources([volume, volume])))
        #expect(!Resources([volume]).contains(twoVolumes))
        #expect((twoVolumes - Resources([volume])).count == 1)

        var mount = Resource.scalar(name: "disk", value: 100)
        mount.disk = DiskInfo(source: DiskInfo.Source(type: .mount, mount: DiskInfo.Source.Root(root: "/mnt/a")))
        #expect(Resources([mount, mount]).count == 2)
        var half = mount
        half.scalar = 50
        #expect(!Resources([mount]).contains(half))  // a mount disk is used whole

        var shared = volume
        shared.shared = SharedInfo()
        let sharedTwice = Resources([shared, shared])
        #expect(sharedTwice.count == 1)
        #expect(sharedTwice.description.hasSuffix("<2>"))
        #expect(sharedTwice.contains(Resources([shared])))
        #expect(!Resources([shared]).contains(sharedTwice))
        #expect((sharedTwice - Resources([shared])) == Resources([shared]))
        #expect((sharedTwice - sharedTwice).isEmpty)
    }

    @Test("queries by name")
    func queries() throws {
        let resources = try Resources.parse("cpus:2;gpus:1;mem:512;disk:1024;ports:[1-5];cpus(eng):1;zones:{a}")
        #expect(resources.cpus == 3)
        #expect(resources.gpus == 1)
        #expect(resources.mem == 512)
        #expect(resources.disk == 1024)
        #expect(resources.ports == [Value.Range(begin: 1, end: 5)])
        #expect(resources.scalar(named: "nothing") == nil)
        #expect(resources.names == ["cpus", "gpus", "mem", "disk", "ports", "zones"])
        #expect(resources.scalars.names == ["cpus", "gpus", "mem", "disk"])
        #expect(resources.scalarQuantities == ["cpus": 3, "gpus": 1, "mem": 512, "disk": 1024])
        #expect(resources.contains(["ports": 5, "zones": 1, "cpus": 3]))
        #expect(!resources.contains(["ports": 6]))
        #expect(resources.filter { $0.name == "mem" }.mem == 512)
    }

    @Test("equality ignores order and hashing agrees")
    func equality() {
        let a = Resources([cpus, .scalar(name: "mem", value: 1)])
        let b = Resources([.scalar(name: "mem", value: 1), cpus])
        #expect(a == b)
        #expect(Set([a, b]).count == 1)
        #expect(a != Resources([cpus]))
    }
}
