// SHA-256 (FIPS 180-4) of a byte string, as 64 lowercase hex digits: the digest a
// results manifest records for its case file, so that anyone can check with
// `sha256sum` that a table came from the file they hold.
//
//   sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#pragma once

#include <string>
#include <string_view>

namespace elicit {

std::string sha256_hex(std::string_view bytes);

}  // namespace elicit
