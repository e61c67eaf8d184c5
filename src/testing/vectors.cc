#include "testing/vectors.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>

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

std::set<std::string> ChecksForErrorClass(const std::string& error_class) {
  static const std::map<std::string, std::set<std::string>> kChecks = {
      {"parse", {"parse"}},
      {"pck_chain", {"pck chain"}},
      {"cert_signature", {"cert signature"}},
      {"quote_signature", {"quote signature"}},
      {"no_matching_tcb_level", {"no matching tcb level"}},
      {"expired", {"expired"}},
      {"policy", {"policy"}},
      {"report_signature", {"report signature"}},
      {"vek_chain", {"vek chain"}},
      // The mutation breaks the signature too; either check may come first.
      {"tcb_mismatch", {"reported tcb", "report signature"}},
      {"nonce", {"nonce"}},
      {"tpm_quote_signature", {"tpm quote signature"}},
      {"pcr_digest", {"pcr digest"}},
      {"report_data_binding", {"report data binding"}},
      {"ak_extraction", {"ak extraction"}},
  };
  auto it = kChecks.find(error_class);
  if (it == kChecks.end()) {
    ADD_FAILURE() << "unknown error class " << error_class;
    return {};
  }
  return it->second;
}

}  // namespace confidant::vectors
