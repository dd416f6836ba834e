extension String {
    /// A string copied from UTF-8 bytes already known to be valid, without the standard library checking them again.
    ///
    /// `String(decoding:as:)` and `String(unsafeUninitializedCapacity:initializingUTF8With:)` validate every byte,
    /// which for Chinese text goes character by character: it cost as much as rendering a feed item's HTML. The text
    /// of a parsed document needs no such check: ``TextDecoder`` hands the markup stage valid UTF-8 (or text a parse
    /// found faulty is decoded again, checked), libxml2 writes its tree in UTF-8, and the plain-text renderer only
    /// cuts text at character boundaries. Debug builds (the tests, the fuzzer) still check.
    ///
    /// - Parameter bytes: valid UTF-8; anything else is a programming error.
    init(knownValidUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        assert(UTF8Validation.isValid(bytes), "bytes passed as valid UTF-8 are not")
        if #available(macOS 26, *) {
            // The ASCII flag is what validating would have found, so the string behaves exactly as a checked one.
            self.init(copying: UTF8Span(unchecked: bytes.span, isKnownASCII: UTF8Validation.isASCII(bytes)))
        } else {
            self.init(decoding: bytes, as: UTF8.self)
        }
    }
}
