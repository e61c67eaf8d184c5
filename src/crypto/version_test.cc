#include "crypto/version.h"

#include <gtest/gtest.h>

namespace confidant::crypto {
namespace {

TEST(VersionTest, NamesOpenSsl3) {
  // Confidant requires OpenSSL 3 (EVP provider APIs); the runtime library must say so.
  EXPECT_EQ(OpenSslVersion().rfind("OpenSSL 3.", 0), 0u) << OpenSslVersion();
}

}  // namespace
}  // namespace confidant::crypto
