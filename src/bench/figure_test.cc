#include "bench/figure.h"

#include <gtest/gtest.h>

#include <limits>
#include <set>

namespace confidant::bench {
namespace {

TEST(FigureTest, RatesAreHigherIsBetter) {
  EXPECT_TRUE(HigherIsBetter("MB/s"));
  EXPECT_TRUE(HigherIsBetter("ops/s"));
  EXPECT_FALSE(HigherIsBetter("ns"));
  EXPECT_FALSE(HigherIsBetter("bytes"));
}

TEST(FigureTest, RatioAtLeastOneMeansAsGoodAsTheFloor) {
  // Rate: twice the floor's throughput is twice as good.
  EXPECT_DOUBLE_EQ(MakeFigure("a", 200, "MB/s", 100, "f").ratio, 2.0);
  EXPECT_DOUBLE_EQ(MakeFigure("a", 50, "ops/s", 100, "f").ratio, 0.5);
  // Cost: half the floor's latency is twice as good.
  EXPECT_DOUBLE_EQ(MakeFigure("a", 50, "ns", 100, "f").ratio, 2.0);
  EXPECT_DOUBLE_EQ(MakeFigure("a", 200, "ns", 100, "f").ratio, 0.5);
}

TEST(FigureTest, UndefinedRatioIsZero) {
  EXPECT_EQ(MakeFigure("a", 100, "MB/s", 0, "f").ratio, 0);
  EXPECT_EQ(MakeFigure("a", 0, "ns", 100, "f").ratio, 0);
  EXPECT_EQ(MakeFigure("a", std::numeric_limits<double>::infinity(), "MB/s", 1, "f").ratio, 0);
  EXPECT_EQ(MakeFigure("a", -1, "MB/s", 1, "f").ratio, 0);
}

TEST(FigureTest, JsonHasExactlyTheDocumentedKeys) {
  nlohmann::ordered_json json = FiguresToJson({MakeFigure("gcm", 300, "MB/s", 150, "evp")});
  ASSERT_TRUE(json.is_array());
  ASSERT_EQ(json.size(), 1u);
  std::set<std::string> keys;
  for (const auto& [key, value] : json[0].items()) keys.insert(key);
  EXPECT_EQ(keys, (std::set<std::string>{"name", "value", "unit", "floor", "floor_name", "ratio"}));
  EXPECT_EQ(json[0]["name"], "gcm");
  EXPECT_EQ(json[0]["value"], 300.0);
  EXPECT_EQ(json[0]["unit"], "MB/s");
  EXPECT_EQ(json[0]["floor"], 150.0);
  EXPECT_EQ(json[0]["floor_name"], "evp");
  EXPECT_EQ(json[0]["ratio"], 2.0);
}

TEST(FigureTest, EmptyListIsAnEmptyJsonArray) { EXPECT_EQ(FiguresToJson({}).dump(), "[]"); }

TEST(FigureTest, TableHasHeaderAndAlignedRows) {
  std::string table = FormatFigureTable({MakeFigure("short", 1234.56, "MB/s", 617.28, "floor"),
                                         MakeFigure("a-longer-name", 5, "ops/s", 10, "f")});
  EXPECT_EQ(table,
            "name            value  unit   floor  floor_name  ratio\n"
            "short          1234.6  MB/s   617.3  floor        2.00\n"
            "a-longer-name     5.0  ops/s   10.0  f            0.50\n");
}

}  // namespace
}  // namespace confidant::bench
