import Testing

@testable import SelfBuyKit

#if canImport(Glibc)
    import Glibc
#endif

@Suite("The allocator is tuned unless the user tuned it")
struct AllocatorTuningTests {
    /// A sanitizer's allocator stands in for glibc's and takes no `mallopt` setting.
    static var sanitizerAllocator: Bool {
        #if canImport(Glibc)
            let markers: [String] = ["__asan_init", "__tsan_init"]
            return markers.contains { name in dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) != nil }
        #else
            return true
        #endif
    }

    @Test(
        "glibc takes the settings when GLIBC_TUNABLES says nothing of malloc (a sanitizer's allocator or mimalloc takes none)"
    )
    func applied() {
        #if canImport(Glibc)
            let expected = !Self.sanitizerAllocator && !AllocatorTuning.usesMimalloc
            #expect(AllocatorTuning.apply(environment: [:]) == expected)
            #expect(
                AllocatorTuning.apply(environment: ["GLIBC_TUNABLES": "glibc.rtld.optional_static_tls=512"]) == expected
            )
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
