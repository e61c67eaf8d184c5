// Signed image files built from the real fixture images: the byte layout of the file, sign and
// verify agreeing on MRENCLAVE, re-signing, and refusal of every tampering and truncation.

#include "image/signed_image.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/encoding.h"
#include "image/testdata/fixtures.h"

namespace confidant::image {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr uint32_t kDate = 0x20260701;
constexpr std::string_view kConfig =
    "# test enclave\nDebug=0\nNumHeapPages=16\nNumStackPages=8\nNumTCS=2\nProductID=7\n"
    "SecurityVersion=3\n";

const crypto::PrivateKey& SigningKey() {
  static const crypto::PrivateKey* key =
      new crypto::PrivateKey(*crypto::PrivateKey::GenerateRsa(3072, 3));
  return *key;
}

Bytes Sign(ByteSpan image, std::string_view config = kConfig) {
  Result<Bytes> signed_image = SignEnclave(image, config, SigningKey(), kDate, "test.conf");
  EXPECT_TRUE(signed_image.ok()) << signed_image.status();
  return signed_image.ok() ? *signed_image : Bytes();
}

uint64_t LeAt(const Bytes& b, size_t at, size_t width) {
  uint64_t v = 0;
  for (size_t i = 0; i < width; ++i) v |= uint64_t{b[at + i]} << (8 * i);
  return v;
}

// Where the parts of a signed file of `elf_size` and `config_size` bytes start.
struct Offsets {
  size_t config, sigstruct, footer;
};
Offsets OffsetsOf(size_t elf_size, size_t config_size) {
  size_t padded = (elf_size + 4095) / 4096 * 4096;
  return {padded, padded + config_size, padded + config_size + 1808};
}

Status VerifyError(const Bytes& bytes) {
  Result<VerifiedEnclaveImage> verified = VerifyEnclaveImage(bytes);
  EXPECT_FALSE(verified.ok());
  return verified.ok() ? OkStatus() : verified.status();
}

void ExpectRefused(const Bytes& bytes, StatusCode code, std::string_view message) {
  Status status = VerifyError(bytes);
  EXPECT_EQ(status.code(), code) << status;
  EXPECT_THAT(std::string(status.message()), HasSubstr(std::string(message)));
}

TEST(SignedImageTest, FileLayoutFollowsTheSpec) {
  Bytes elf = fixtures::Minimal();
  Bytes file = Sign(elf);
  Offsets at = OffsetsOf(elf.size(), kConfig.size());
  ASSERT_EQ(file.size(), at.footer + 24);
  EXPECT_TRUE(std::equal(elf.begin(), elf.end(), file.begin()));
  for (size_t i = elf.size(); i < at.config; ++i) ASSERT_EQ(file[i], 0) << i;
  EXPECT_EQ(std::string(file.begin() + at.config, file.begin() + at.sigstruct), kConfig);
  EXPECT_EQ(std::string(file.begin() + at.footer, file.begin() + at.footer + 8), "CNFDSIG1");
  EXPECT_EQ(LeAt(file, at.footer + 8, 4), 1u);
  EXPECT_EQ(LeAt(file, at.footer + 12, 4), kConfig.size());
  EXPECT_EQ(LeAt(file, at.footer + 16, 8), elf.size());
  Result<Sigstruct> sigstruct =
      ParseSigstruct(ByteSpan(file).subspan(at.sigstruct, kSigstructSize));
  ASSERT_TRUE(sigstruct.ok()) << sigstruct.status();

  Result<SignedImage> parsed = ParseSignedImage(file);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->elf_size, elf.size());
  EXPECT_EQ(parsed->padded_elf.size(), at.config);
  EXPECT_EQ(parsed->padded_elf.data(), file.data());
  EXPECT_TRUE(std::equal(elf.begin(), elf.end(), parsed->elf().begin(), parsed->elf().end()));
  EXPECT_EQ(parsed->config_text, kConfig);
  EXPECT_EQ(parsed->sigstruct, *sigstruct);
  EXPECT_EQ(parsed->config.num_heap_pages, 16u);
  EXPECT_EQ(parsed->config.product_id, 7);

  Result<Bytes> rebuilt = BuildSignedImage(elf, kConfig, *sigstruct);
  ASSERT_TRUE(rebuilt.ok());
  EXPECT_EQ(*rebuilt, file);
}

TEST(SignedImageTest, SignAndVerifyAgreeOnTheMeasurement) {
  for (Bytes elf : {fixtures::Minimal(), fixtures::Data(), fixtures::SysvHash()}) {
    Bytes file = Sign(elf);
    Result<VerifiedEnclaveImage> v = VerifyEnclaveImage(file);
    ASSERT_TRUE(v.ok()) << v.status();
    Result<Measurement> measured = MeasureImage(elf, kConfig);
    ASSERT_TRUE(measured.ok()) << measured.status();
    EXPECT_EQ(v->mrenclave, *measured);
    EXPECT_EQ(v->sigstruct.fields.enclave_hash, *measured);
    EXPECT_EQ(*MeasureImage(file, kConfig), *measured);  // a signed image's ELF is measured
    EXPECT_EQ(v->mrsigner, MrSigner(v->sigstruct));
    EXPECT_EQ(v->mrsigner, MrSigner(*SignSigstruct(SigningKey(), {})));
    EXPECT_EQ(v->config_text, kConfig);
    EXPECT_EQ(v->padded_elf.size() % 4096, 0u);
    EXPECT_EQ(v->padded_elf.data(), file.data());
    EXPECT_EQ(v->elf.bytes().size(), elf.size());
    EXPECT_EQ(v->layout, *ComputeEnclaveLayout(v->elf, v->config));
    EXPECT_EQ(v->layout.tcs.size(), 2u);
  }
}

TEST(SignedImageTest, SignedFieldsComeFromTheConfiguration) {
  Bytes file = Sign(fixtures::Minimal(),
                    "Debug=1\nProductID=258\nSecurityVersion=9\nCapturePFGPExceptions=1\n"
                    "FamilyID=00112233-4455-6677-8899-aabbccddeeff\n");
  Result<VerifiedEnclaveImage> v = VerifyEnclaveImage(file);
  ASSERT_TRUE(v.ok()) << v.status();
  const SigstructFields& f = v->sigstruct.fields;
  EXPECT_EQ(f.attributes.flags, kAttributeMode64Bit | kAttributeDebug | kAttributeKss);
  EXPECT_EQ(f.attributes.xfrm, kSignedXfrm);
  EXPECT_EQ(f.attribute_mask.flags, kSignedAttributeMask);
  EXPECT_EQ(f.isv_prod_id, 258);
  EXPECT_EQ(f.isv_svn, 9);
  EXPECT_EQ(f.misc_select, kMiscSelectExinfo);
  EXPECT_EQ(f.date, kDate);
  EXPECT_FALSE(f.debug);  // TYPE: not an Intel debug-signed SIGSTRUCT
  EXPECT_EQ(HexEncode(f.isv_family_id), "00112233445566778899aabbccddeeff");
  EXPECT_EQ(f.isv_ext_prod_id, (std::array<uint8_t, 16>{}));
  EXPECT_EQ(f, EnclaveSigstructFields(v->config, v->mrenclave, kDate));
}

TEST(SignedImageTest, ReSigningReplacesTheTrailer) {
  Bytes elf = fixtures::Data();
  Bytes first = Sign(elf);
  EXPECT_EQ(Sign(first), first);  // same inputs, same bytes (PKCS#1 v1.5 is deterministic)
  std::string other_config = "NumHeapPages=32\nNumTCS=1\nProductID=7\nSecurityVersion=4\n";
  crypto::PrivateKey other_key = *crypto::PrivateKey::GenerateRsa(3072, 3);
  Result<Bytes> second = SignEnclave(first, other_config, other_key, kDate);
  ASSERT_TRUE(second.ok()) << second.status();
  Result<VerifiedEnclaveImage> v = VerifyEnclaveImage(*second);
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(v->config_text, other_config);
  EXPECT_EQ(v->sigstruct.fields.isv_svn, 4);
  EXPECT_NE(v->mrsigner, VerifyEnclaveImage(first)->mrsigner);
  EXPECT_EQ(v->mrenclave, *MeasureImage(elf, other_config));
  EXPECT_TRUE(std::equal(elf.begin(), elf.end(), v->elf.bytes().begin(), v->elf.bytes().end()));
  EXPECT_EQ(second->size(), first.size() - kConfig.size() + other_config.size());
  EXPECT_EQ(Sign(*second), first);
}

TEST(SignedImageTest, RefusesAFlippedByteInACodePage) {
  Bytes elf = fixtures::Minimal();
  Bytes file = Sign(elf);
  ElfImage image = *ElfImage::Parse(elf);
  for (const LoadSegment& s : image.load_segments()) {
    if (!s.executable()) continue;
    Bytes tampered = file;
    tampered[s.offset + s.filesz / 2] ^= 0x20;
    Status status = VerifyError(tampered);
    EXPECT_EQ(status.code(), StatusCode::kPermissionDenied);
    EXPECT_THAT(std::string(status.message()),
                StartsWith("image: MRENCLAVE mismatch: signed " +
                           HexEncode(VerifyEnclaveImage(file)->mrenclave) + ", measured "));
    EXPECT_THAT(std::string(status.message()),
                HasSubstr(": the image or its configuration changed after signing"));
  }
}

TEST(SignedImageTest, RefusesAChangedConfiguration) {
  Bytes elf = fixtures::Minimal();
  Bytes file = Sign(elf);
  const size_t config = OffsetsOf(elf.size(), kConfig.size()).config;
  auto with = [&](std::string_view from, std::string_view to) {
    EXPECT_EQ(from.size(), to.size());
    Bytes tampered = file;
    size_t at = config + kConfig.find(from);
    std::copy(to.begin(), to.end(), tampered.begin() + at);
    return tampered;
  };
  ExpectRefused(with("NumHeapPages=16", "NumHeapPages=17"), StatusCode::kPermissionDenied,
                "image: MRENCLAVE mismatch");
  ExpectRefused(with("NumStackPages=8", "NumStackPages=9"), StatusCode::kPermissionDenied,
                "image: MRENCLAVE mismatch");
  ExpectRefused(with("NumTCS=2", "NumTCS=1"), StatusCode::kPermissionDenied,
                "image: MRENCLAVE mismatch");
  ExpectRefused(with("Debug=0", "Debug=1"), StatusCode::kPermissionDenied,
                "image: signed ATTRIBUTES.DEBUG 0 but the configuration says Debug=1");
  ExpectRefused(with("ProductID=7", "ProductID=8"), StatusCode::kPermissionDenied,
                "image: signed ISVPRODID 7 but the configuration says ProductID=8");
  ExpectRefused(with("SecurityVersion=3", "SecurityVersion=2"), StatusCode::kPermissionDenied,
                "image: signed ISVSVN 3 but the configuration says SecurityVersion=2");
  ExpectRefused(with("NumTCS=2", "NumTCS=x"), StatusCode::kInvalidArgument,
                "signed image: configuration:5: bad value for 'NumTCS'");
  ExpectRefused(with("# test", "#\xfftest"), StatusCode::kInvalidArgument,
                "signed image: the configuration is not valid UTF-8");
}

TEST(SignedImageTest, RefusesIdentityTheSignerDidNotSign) {
  // A SIGSTRUCT whose fields disagree with the configuration although its signature verifies:
  // signed by someone building the file by hand.
  Bytes elf = fixtures::Minimal();
  Result<EnclaveConfig> config = ParseEnclaveConfig(kConfig, "test");
  Measurement m = *MeasureImage(elf, kConfig);
  auto signed_with = [&](auto edit) {
    SigstructFields f = EnclaveSigstructFields(*config, m, kDate);
    edit(f);
    return *BuildSignedImage(elf, kConfig, *SignSigstruct(SigningKey(), f));
  };
  ExpectRefused(signed_with([](SigstructFields& f) { f.attributes.flags &= ~kAttributeMode64Bit; }),
                StatusCode::kPermissionDenied, "image: signed ATTRIBUTES lack MODE64BIT");
  ExpectRefused(signed_with([](SigstructFields& f) { f.attributes.flags |= kAttributeKss; }),
                StatusCode::kPermissionDenied, "image: signed ATTRIBUTES.KSS 1 but");
  ExpectRefused(signed_with([](SigstructFields& f) { f.isv_family_id[0] = 1; }),
                StatusCode::kPermissionDenied, "image: signed ISVFAMILYID 0100");
  ExpectRefused(signed_with([](SigstructFields& f) { f.isv_ext_prod_id[15] = 1; }),
                StatusCode::kPermissionDenied, "image: signed ISVEXTPRODID");
  ExpectRefused(signed_with([](SigstructFields& f) { f.misc_select = kMiscSelectExinfo; }),
                StatusCode::kPermissionDenied, "image: signed MISCSELECT.EXINFO 1");
  ExpectRefused(signed_with([](SigstructFields& f) { f.enclave_hash[0] ^= 1; }),
                StatusCode::kPermissionDenied, "image: MRENCLAVE mismatch");
}

TEST(SignedImageTest, RefusesATamperedSigstruct) {
  Bytes elf = fixtures::Minimal();
  Bytes file = Sign(elf);
  const size_t sigstruct = OffsetsOf(elf.size(), kConfig.size()).sigstruct;
  for (size_t field :
       {kSigstructSignatureOffset + 17, kSigstructModulusOffset + 100, kSigstructEnclaveHashOffset,
        kSigstructIsvSvnOffset, kSigstructAttributesOffset, kSigstructQ1Offset + 3}) {
    Bytes tampered = file;
    tampered[sigstruct + field] ^= 0x01;
    Status status = VerifyError(tampered);
    EXPECT_EQ(status.code(), StatusCode::kPermissionDenied) << field << ": " << status;
    EXPECT_THAT(std::string(status.message()), StartsWith("image: SIGSTRUCT signature refused: "))
        << field;
  }
  Bytes reserved = file;
  reserved[sigstruct + 50] = 1;
  ExpectRefused(reserved, StatusCode::kInvalidArgument,
                "signed image: sigstruct: reserved (44..127): reserved byte at offset 50");
}

TEST(SignedImageTest, RefusesAMalformedContainer) {
  Bytes elf = fixtures::Minimal();
  Bytes file = Sign(elf);
  const Offsets at = OffsetsOf(elf.size(), kConfig.size());
  auto edited = [&](size_t offset, uint64_t value, size_t width) {
    Bytes b = file;
    for (size_t i = 0; i < width; ++i) b[offset + i] = static_cast<uint8_t>(value >> (8 * i));
    return b;
  };
  ExpectRefused(elf, StatusCode::kInvalidArgument, "signed image: no CNFDSIG1 footer");
  ExpectRefused(edited(at.footer + 7, '2', 1), StatusCode::kInvalidArgument,
                "signed image: no CNFDSIG1 footer: not a signed enclave image");
  ExpectRefused(edited(at.footer + 8, 2, 4), StatusCode::kInvalidArgument,
                "signed image: format version 2, expected 1");
  ExpectRefused(edited(at.footer + 16, 0, 8), StatusCode::kInvalidArgument,
                "signed image: ELF size 0");
  ExpectRefused(edited(at.footer + 16, elf.size() + 4096, 8), StatusCode::kInvalidArgument,
                "do not add up to the file's");
  ExpectRefused(edited(at.footer + 16, UINT64_MAX, 8), StatusCode::kInvalidArgument,
                "do not add up to the file's");
  ExpectRefused(edited(at.footer + 12, kConfig.size() + 1, 4), StatusCode::kInvalidArgument,
                "do not add up to the file's");
  ExpectRefused(edited(at.footer + 12, UINT32_MAX, 4), StatusCode::kInvalidArgument,
                "signed image: configuration size 4294967295 exceeds 65536");
  ExpectRefused(
      edited(at.config - 1, 1, 1), StatusCode::kInvalidArgument,
      "signed image: padding byte at offset " + std::to_string(at.config - 1) + " is not zero");
  ExpectRefused(Bytes(file.begin() + 1, file.end()), StatusCode::kInvalidArgument,
                "do not add up to the file's");
}

TEST(SignedImageTest, EveryTruncationIsRefused) {
  Bytes file = Sign(fixtures::Data());
  for (size_t n = 0; n < file.size(); ++n) {
    Result<VerifiedEnclaveImage> v = VerifyEnclaveImage(ByteSpan(file.data(), n));
    ASSERT_FALSE(v.ok()) << n;
    ASSERT_EQ(v.status().code(), StatusCode::kInvalidArgument) << n << ": " << v.status();
    ASSERT_FALSE(ParseSignedImage(ByteSpan(file.data(), n)).ok()) << n;
  }
}

TEST(SignedImageTest, SignRefusesBadInputs) {
  Bytes elf = fixtures::Minimal();
  crypto::PrivateKey rsa2048 = *crypto::PrivateKey::GenerateRsa(2048, 3);
  Result<Bytes> r = SignEnclave(elf, kConfig, rsa2048, kDate);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(r.status().message()), HasSubstr("SGX requires RSA-3072"));
  crypto::PrivateKey e65537 = *crypto::PrivateKey::GenerateRsa(3072);
  r = SignEnclave(elf, kConfig, e65537, kDate);
  EXPECT_THAT(std::string(r.status().message()), HasSubstr("SGX requires 3"));

  r = SignEnclave(fixtures::NotAnEnclave(), kConfig, SigningKey(), kDate);
  EXPECT_THAT(std::string(r.status().message()), HasSubstr("not an enclave image"));
  r = SignEnclave(elf, "NumTCS=0\n", SigningKey(), kDate, "app.conf");
  EXPECT_EQ(r.status().message(), "app.conf:1: bad value for 'NumTCS': 0 (must be 1..32)");
  r = SignEnclave(elf, "Debug=1\n# \xc3\n", SigningKey(), kDate, "app.conf");
  EXPECT_EQ(r.status().message(), "app.conf: configuration is not valid UTF-8");
  r = SignEnclave(elf, std::string(kMaxConfigTextSize + 1, '#'), SigningKey(), kDate, "big.conf");
  EXPECT_THAT(std::string(r.status().message()), StartsWith("big.conf: configuration of 65537"));
  r = SignEnclave(elf, "NumHeapPages=16777216\nNumStackPages=16777216\nNumTCS=32\n", SigningKey(),
                  kDate);
  EXPECT_THAT(std::string(r.status().message()), StartsWith("layout: the enclave would take"));
  EXPECT_FALSE(BuildSignedImage({}, kConfig, {}).ok());
}

TEST(SignedImageTest, InspectionRecordsEachCheck) {
  Bytes elf = fixtures::Minimal();
  Bytes file = Sign(elf);
  Result<ImageInspection> good = InspectEnclaveImage(file);
  ASSERT_TRUE(good.ok()) << good.status();
  EXPECT_TRUE(good->verdict().ok());
  Bytes tampered = file;
  tampered[OffsetsOf(elf.size(), kConfig.size()).config + kConfig.find("ProductID=7") + 10] = '8';
  const ElfImage image = *ElfImage::Parse(elf);
  for (const LoadSegment& s : image.load_segments()) {
    if (s.executable()) tampered[s.offset] ^= 1;  // a code page
  }
  Result<ImageInspection> bad = InspectEnclaveImage(tampered);
  ASSERT_TRUE(bad.ok()) << bad.status();
  EXPECT_TRUE(bad->signature.ok());
  EXPECT_EQ(bad->identity.code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(bad->measurement.code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(bad->verdict(), bad->identity);
  EXPECT_EQ(bad->mrsigner, good->mrsigner);
  EXPECT_NE(bad->mrenclave, good->mrenclave);
}

}  // namespace
}  // namespace confidant::image
