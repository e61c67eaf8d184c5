#include "testing/vectors.h"

#include <gtest/gtest.h>

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

}  // namespace confidant::vectors
