// Test support: access to the real attestation vectors in ../shared/vectors (its README.md
// describes the files and cases.json). Linked into every test binary; never into products.

#ifndef CONFIDANT_TESTING_VECTORS_H_
#define CONFIDANT_TESTING_VECTORS_H_

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/bytes.h"

namespace confidant::vectors {

// <source dir>/../shared/vectors.
std::filesystem::path Dir();

// True if the vectors and their cases.json are present (tests GTEST_SKIP otherwise).
bool Available();

// A vector file's bytes, by path relative to Dir(). Records a test failure if unreadable.
Bytes Read(const std::string& relative);
std::string ReadText(const std::string& relative);

// The entries of cases.json, all of them or those of one `kind`.
std::vector<nlohmann::json> Cases(std::string_view kind = "");

// The single case with `id`; records a test failure and returns null if there is none.
nlohmann::json Case(std::string_view id);

// Applies a case's `mutation` to `bytes`: op "set", "add" or "xor" of `value` at `offset` (or
// `byte_index`), or "reverse". Records a test failure for an offset outside `bytes` or an
// `original` that does not match.
void ApplyMutation(Bytes& bytes, const nlohmann::json& mutation);

// The check names (verify/verification.h) a rejection of the vectors' README `error_class` may
// carry; records a test failure for an unknown class. Most classes name one check; a mutation that
// breaks two things may be reported by either.
std::set<std::string> ChecksForErrorClass(const std::string& error_class);

}  // namespace confidant::vectors

#endif  // CONFIDANT_TESTING_VECTORS_H_
