#include "common/status.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "common/result.h"

namespace confidant {
namespace {

TEST(StatusTest, DefaultIsOk) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kOk);
  EXPECT_EQ(s.message(), "");
  EXPECT_EQ(s.ToString(), "OK");
}

TEST(StatusTest, OkCodeDropsMessage) {
  Status s(StatusCode::kOk, "ignored");
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.message(), "");
}

TEST(StatusTest, ErrorCarriesCodeAndMessage) {
  Status s = DataLossError("blob: tag mismatch");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kDataLoss);
  EXPECT_EQ(s.ToString(), "DATA_LOSS: blob: tag mismatch");
}

TEST(StatusTest, CopyIsDeepAndEqual) {
  Status a = NotFoundError("key k1");
  Status b = a;
  EXPECT_EQ(a, b);
  b = b.WithContext("kbs");
  EXPECT_EQ(a.message(), "key k1");
  EXPECT_EQ(b.message(), "kbs: key k1");
  EXPECT_EQ(b.code(), StatusCode::kNotFound);
}

TEST(StatusTest, WithContextKeepsOk) { EXPECT_TRUE(OkStatus().WithContext("x").ok()); }

TEST(StatusTest, EveryCodeHasAName) {
  for (int c = 0; c <= 16; ++c) {
    EXPECT_NE(StatusCodeName(static_cast<StatusCode>(c)), "UNKNOWN_CODE") << c;
  }
  EXPECT_EQ(StatusCodeName(static_cast<StatusCode>(99)), "UNKNOWN_CODE");
}

Result<int> Half(int x) {
  if (x % 2 != 0) return InvalidArgumentError("odd: " + std::to_string(x));
  return x / 2;
}

Result<int> Quarter(int x) {
  ASSIGN_OR_RETURN(int half, Half(x));
  ASSIGN_OR_RETURN(int quarter, Half(half));
  return quarter;
}

Status CheckQuarter(int x) {
  RETURN_IF_ERROR(Quarter(x));
  RETURN_IF_ERROR(OkStatus());
  return OkStatus();
}

TEST(ResultTest, PropagatesValuesAndErrors) {
  EXPECT_EQ(*Quarter(8), 2);
  Result<int> r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(), "odd: 3");
  EXPECT_TRUE(CheckQuarter(4).ok());
  EXPECT_EQ(CheckQuarter(2).message(), "odd: 1");
  EXPECT_EQ(r.value_or(7), 7);
}

struct Base {
  virtual ~Base() = default;
  virtual int Id() const { return 1; }
};
struct Derived : Base {
  int Id() const override { return 2; }
};

Result<std::unique_ptr<Derived>> MakeDerived() { return std::make_unique<Derived>(); }

TEST(ResultTest, ConvertsMoveOnlyValues) {
  Result<std::unique_ptr<Base>> r = MakeDerived();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)->Id(), 2);
  std::unique_ptr<Base> owned = std::move(r).value();
  EXPECT_EQ(owned->Id(), 2);
}

TEST(ResultTest, OkStatusOfSuccess) {
  Result<std::string> r = std::string("x");
  EXPECT_TRUE(r.status().ok());
  EXPECT_EQ(r->size(), 1u);
}

TEST(ResultDeathTest, ValueOfErrorAborts) {
  Result<int> r = InternalError("boom");
  EXPECT_DEATH((void)r.value(), "INTERNAL: boom");
}

TEST(ResultDeathTest, OkStatusWithoutValueAborts) {
  EXPECT_DEATH(
      {
        Result<int> r = OkStatus();
        (void)r;
      },
      "without a value");
}

}  // namespace
}  // namespace confidant
