#include "testing/vectors.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>

namespace confidant::vectors {

std::filesystem::path Dir() {
  return std::filesystem::path(CONFIDANT_SOURCE_DIR) / ".." / "shared" / "vectors";
}

bool Available() { return std::filesystem::exists(Dir() / "cases.json"); }

std::string ReadText(const std::string& relative) {
  std::ifstream in(Dir() / relative, std::ios::binary);
  EXPECT_TRUE(in) << "cannot read vector " << relative;
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

Bytes Read(const std::string& relative) { return ToBytes(ReadText(relative)); }

std::vector<nlohmann::json> Cases(std::string_view kind) {
  std::vector<nlohmann::json> out;
  if (!Available()) return out;
  for (nlohmann::json& c : nlohmann::json::parse(ReadText("cases.json"))) {
    if (kind.empty() || c["kind"] == kind) out.push_back(std::move(c));
  }
  return out;
}

nlohmann::json Case(std::string_view id) {
  for (nlohmann::json& c : Cases()) {
    if (c["id"] == id) return std::move(c);
  }
  ADD_FAILURE() << "no vector case " << id;
  return nullptr;
}

void ApplyMutation(Bytes& bytes, const nlohmann::json& mutation) {
  const std::string op = mutation.value("op", "");
  if (op == "reverse") {
    std::reverse(bytes.begin(), bytes.end());
    return;
  }
  const size_t offset = mutation.contains("offset") ? mutation["offset"].get<size_t>()
                                                    : mutation["byte_index"].get<size_t>();
  if (offset >= bytes.size()) {
    ADD_FAILURE() << "mutation offset " << offset << " is outside " << bytes.size() << " bytes";
    return;
  }
  uint8_t& byte = bytes[offset];
  if (mutation.contains("original") && mutation["original"].is_number()) {
    EXPECT_EQ(byte, mutation["original"].get<int>()) << "mutation original byte";
  }
  const uint8_t value = mutation["value"].get<uint8_t>();
  if (op == "set") {
    byte = value;
  } else if (op == "add") {
    byte = static_cast<uint8_t>(byte + value);
  } else if (op == "xor") {
    byte ^= value;
  } else {
    ADD_FAILURE() << "unknown mutation op " << op;
  }
}

}  // namespace confidant::vectors
