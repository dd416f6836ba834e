import Testing

@testable import SelfBuyKit

@Suite("The allocator is tuned unless the user tuned it")
struct AllocatorTuningTests {
    @Test("glibc takes the settings when GLIBC_TUNABLES says nothing of malloc")
    func applied() {
        #if canImport(Glibc)
            #expect(AllocatorTuning.apply(environment: [:]))
            #expect(AllocatorTuning.apply(environment: ["GLIBC_TUNABLES": "glibc.rtld.optional_static_tls=512"]))
        #endif
    }

    @Test("malloc settings in GLIBC_TUNABLES are left alone")
    func userSettingsWin() {
        #expect(!AllocatorTuning.apply(environment: ["GLIBC_TUNABLES": "glibc.malloc.arena_max=2"]))
    }

    @Test("giving free memory back is harmless at any time")
    func releaseFreeMemory() {
        let blocks = (0..<64).map { _ in [UInt8](repeating: 1, count: 1 << 16) }
        #expect(blocks.count == 64)
        AllocatorTuning.releaseFreeMemory()
    }
}
