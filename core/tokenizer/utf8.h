#pragma once
// The UTF-8 facts the tokenizer needs: strict validation (offsets are counted in code
// points, so the input must be real UTF-8), code-point positions of bytes, and decoding
// of arbitrary bytes with U+FFFD for every maximal invalid subpart, as Python's
// bytes.decode("utf-8", errors="replace") does (what Hugging Face's decode uses).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace laminar::utf8 {

// Length of the well-formed UTF-8 sequence starting at text[pos], or 0 if there is none
// (overlong forms, surrogates and code points above U+10FFFF are not well formed).
size_t sequenceLength(std::string_view text, size_t pos);

// Byte position of the first ill-formed sequence, or npos when the whole text is valid.
size_t firstInvalidByte(std::string_view text);

// For each byte of a valid UTF-8 text, the index of the code point it belongs to; one
// extra entry at the end holds the number of code points.
std::vector<int64_t> codePointIndexOfBytes(std::string_view validText);

// Bytes to valid UTF-8: each maximal subpart of an ill-formed sequence becomes U+FFFD.
std::string decodeWithReplacement(std::string_view bytes);

// Bytes for a reader: every well-formed sequence as its character, every other byte as
// "<0xNN>" (upper-case hex). A token holding part of a character BPE split (GPT-2 spells
// "ữ", E1 BB AF, as three one-byte tokens) then shows which bytes it holds, where
// decodeWithReplacement gives each such token the same "�".
std::string withByteNames(std::string_view bytes);

// Appends the UTF-8 form of one code point (which must be a Unicode scalar value).
void appendCodePoint(std::string& out, char32_t codePoint);

}  // namespace laminar::utf8
