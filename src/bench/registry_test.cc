#include "bench/registry.h"

#include <gtest/gtest.h>

namespace confidant::bench {
namespace {

Result<std::vector<Figure>> NoFigures(const MeasureOptions&) { return std::vector<Figure>{}; }

TEST(BenchRegistryTest, FindsAndListsSortedByName) {
  BenchRegistry registry;
  registry.Add({"seal", "sealing", &NoFigures});
  registry.Add({"epc", "paging", &NoFigures});
  ASSERT_NE(registry.Find("seal"), nullptr);
  EXPECT_EQ(registry.Find("seal")->description, "sealing");
  EXPECT_EQ(registry.Find("missing"), nullptr);
  std::vector<const Bench*> list = registry.List();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]->name, "epc");
  EXPECT_EQ(list[1]->name, "seal");
}

TEST(BenchRegistryDeathTest, RefusesDuplicateReservedAndInvalidNames) {
  BenchRegistry registry;
  registry.Add({"seal", "sealing", &NoFigures});
  EXPECT_DEATH(registry.Add({"seal", "again", &NoFigures}), "registered twice");
  EXPECT_DEATH(registry.Add({"list", "reserved", &NoFigures}), "invalid or reserved name");
  EXPECT_DEATH(registry.Add({"Has Space", "bad", &NoFigures}), "invalid or reserved name");
  EXPECT_DEATH(registry.Add({"empty", "no function", nullptr}), "has no function");
}

}  // namespace
}  // namespace confidant::bench
