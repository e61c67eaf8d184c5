#include "image/signed_image.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "common/byte_reader.h"
#include "common/encoding.h"

namespace confidant::image {
namespace {

constexpr uint64_t kMagicSize = 8;
static_assert(sizeof(kSignedImageMagic) == kMagicSize + 1);

Status Malformed(std::string_view message) {
  return InvalidArgumentError("signed image: " + std::string(message));
}

Status Refused(std::string_view message) {
  return PermissionDeniedError("image: " + std::string(message));
}

uint64_t PaddedSize(uint64_t elf_size) {
  return (elf_size + kEnclavePageSize - 1) / kEnclavePageSize * kEnclavePageSize;
}

// The container's parts, before the configuration and SIGSTRUCT are parsed.
struct Container {
  ByteSpan padded_elf;
  uint64_t elf_size = 0;
  std::string_view config_text;
  ByteSpan sigstruct;
};

Result<Container> ParseContainer(ByteSpan bytes) {
  if (bytes.size() < kSignedImageFooterSize) {
    return Malformed(std::to_string(bytes.size()) + " bytes, shorter than the 24-byte footer");
  }
  ByteReader footer(bytes.last(kSignedImageFooterSize), "signed image: footer");
  ASSIGN_OR_RETURN(ByteSpan magic, footer.ReadBytes(kMagicSize, "magic"));
  if (std::memcmp(magic.data(), kSignedImageMagic, kMagicSize) != 0) {
    return Malformed(
        "no CNFDSIG1 footer: not a signed enclave image (sign it with `confidant "
        "enclave sign`)");
  }
  ASSIGN_OR_RETURN(uint32_t version, footer.ReadU32Le("version"));
  ASSIGN_OR_RETURN(uint32_t config_size, footer.ReadU32Le("configuration size"));
  ASSIGN_OR_RETURN(uint64_t elf_size, footer.ReadU64Le("ELF size"));
  if (version != kSignedImageVersion) {
    return Malformed("format version " + std::to_string(version) + ", expected 1");
  }
  if (elf_size == 0) return Malformed("ELF size 0");
  if (config_size > kMaxConfigTextSize) {
    return Malformed("configuration size " + std::to_string(config_size) + " exceeds " +
                     std::to_string(kMaxConfigTextSize));
  }
  // Every part but the ELF has a bounded size; the ELF then must fill what remains exactly.
  const uint64_t trailer = uint64_t{config_size} + kSigstructSize + kSignedImageFooterSize;
  const uint64_t room = bytes.size() >= trailer ? bytes.size() - trailer : 0;
  if (bytes.size() < trailer || elf_size > room || PaddedSize(elf_size) != room) {
    return Malformed("the footer's sizes (ELF " + std::to_string(elf_size) + " bytes padded to " +
                     "4096, configuration " + std::to_string(config_size) + ", SIGSTRUCT 1808, " +
                     "footer 24) do not add up to the file's " + std::to_string(bytes.size()) +
                     " bytes");
  }
  Container c;
  c.elf_size = elf_size;
  c.padded_elf = bytes.first(room);
  for (uint64_t i = elf_size; i < room; ++i) {
    if (bytes[i] != 0) {
      return Malformed("padding byte at offset " + std::to_string(i) + " is not zero");
    }
  }
  ByteSpan config = bytes.subspan(room, config_size);
  c.config_text = std::string_view(reinterpret_cast<const char*>(config.data()), config.size());
  c.sigstruct = bytes.subspan(room + config_size, kSigstructSize);
  return c;
}

Status CheckConfigText(std::string_view text) {
  if (text.size() > kMaxConfigTextSize) {
    return InvalidArgumentError("configuration of " + std::to_string(text.size()) +
                                " bytes exceeds " + std::to_string(kMaxConfigTextSize));
  }
  if (!IsValidUtf8(text)) return InvalidArgumentError("configuration is not valid UTF-8");
  return OkStatus();
}

std::string Uuid(const std::array<uint8_t, 16>& id) { return HexEncode(id); }

// The signed identity against the configuration: the fields EINIT copies into the enclave's
// identity (and the attributes it requires) that the measurement does not cover.
Status CheckIdentity(const SigstructFields& f, const EnclaveConfig& c) {
  if (f.isv_prod_id != c.product_id) {
    return Refused("signed ISVPRODID " + std::to_string(f.isv_prod_id) +
                   " but the configuration says ProductID=" + std::to_string(c.product_id));
  }
  if (f.isv_svn != c.security_version) {
    return Refused(
        "signed ISVSVN " + std::to_string(f.isv_svn) +
        " but the configuration says SecurityVersion=" + std::to_string(c.security_version));
  }
  const bool debug = (f.attributes.flags & kAttributeDebug) != 0;
  if (debug != c.debug) {
    return Refused(std::string("signed ATTRIBUTES.DEBUG ") + (debug ? "1" : "0") +
                   " but the configuration says Debug=" + (c.debug ? "1" : "0"));
  }
  if ((f.attributes.flags & kAttributeMode64Bit) == 0) {
    return Refused("signed ATTRIBUTES lack MODE64BIT: the image is a 64-bit enclave");
  }
  const bool kss = (f.attributes.flags & kAttributeKss) != 0;
  if (kss != c.kss()) {
    return Refused(std::string("signed ATTRIBUTES.KSS ") + (kss ? "1" : "0") +
                   " but the configuration " + (c.kss() ? "sets" : "sets neither") +
                   " FamilyID or ExtendedProductID");
  }
  const std::array<uint8_t, 16> family = c.family_id.value_or(std::array<uint8_t, 16>{});
  if (f.isv_family_id != family) {
    return Refused("signed ISVFAMILYID " + Uuid(f.isv_family_id) +
                   " but the configuration's FamilyID is " + Uuid(family));
  }
  const std::array<uint8_t, 16> ext = c.extended_product_id.value_or(std::array<uint8_t, 16>{});
  if (f.isv_ext_prod_id != ext) {
    return Refused("signed ISVEXTPRODID " + Uuid(f.isv_ext_prod_id) +
                   " but the configuration's ExtendedProductID is " + Uuid(ext));
  }
  const bool exinfo = (f.misc_select & kMiscSelectExinfo) != 0;
  if (exinfo != c.capture_pf_gp_exceptions) {
    return Refused(std::string("signed MISCSELECT.EXINFO ") + (exinfo ? "1" : "0") +
                   " but the configuration says CapturePFGPExceptions=" +
                   (c.capture_pf_gp_exceptions ? "1" : "0"));
  }
  return OkStatus();
}

// An image and configuration text, parsed and measured.
struct Measured {
  ByteSpan elf;
  EnclaveConfig config;
  Measurement mrenclave{};
};

Result<Measured> MeasureParts(ByteSpan image, std::string_view config_text,
                              std::string_view config_name) {
  Measured m;
  ASSIGN_OR_RETURN(m.elf, ExtractElf(image));
  ASSIGN_OR_RETURN(ElfImage elf, ElfImage::Parse(m.elf));
  RETURN_IF_ERROR(CheckConfigText(config_text).WithContext(config_name));
  ASSIGN_OR_RETURN(m.config, ParseEnclaveConfig(config_text, config_name));
  ASSIGN_OR_RETURN(m.mrenclave, MeasureEnclave(elf, m.config));
  return m;
}

}  // namespace

Result<Bytes> BuildSignedImage(ByteSpan elf, std::string_view config_text,
                               const Sigstruct& sigstruct) {
  if (elf.empty()) return InvalidArgumentError("signed image: empty ELF");
  RETURN_IF_ERROR(CheckConfigText(config_text).WithContext("signed image"));
  ByteWriter w;
  w.Write(elf);
  w.Zeros(PaddedSize(elf.size()) - elf.size());
  w.Write(AsBytes(config_text));
  w.Write(SerializeSigstruct(sigstruct));
  w.Write(AsBytes(std::string_view(kSignedImageMagic, kMagicSize)));
  w.U32Le(kSignedImageVersion);
  w.U32Le(static_cast<uint32_t>(config_text.size()));
  w.U64Le(elf.size());
  return std::move(w).Take();
}

Result<SignedImage> ParseSignedImage(ByteSpan bytes) {
  ASSIGN_OR_RETURN(Container c, ParseContainer(bytes));
  if (!IsValidUtf8(c.config_text)) return Malformed("the configuration is not valid UTF-8");
  SignedImage image;
  image.padded_elf = c.padded_elf;
  image.elf_size = c.elf_size;
  image.config_text = c.config_text;
  ASSIGN_OR_RETURN(image.config, ParseEnclaveConfig(c.config_text, "signed image: configuration"));
  Result<Sigstruct> sigstruct = ParseSigstruct(c.sigstruct);
  if (!sigstruct.ok()) return sigstruct.status().WithContext("signed image");
  image.sigstruct = *std::move(sigstruct);
  return image;
}

bool HasSignedImageFooter(ByteSpan bytes) {
  return bytes.size() >= kSignedImageFooterSize &&
         std::memcmp(bytes.last(kSignedImageFooterSize).data(), kSignedImageMagic, kMagicSize) == 0;
}

Result<ByteSpan> ExtractElf(ByteSpan image) {
  if (!HasSignedImageFooter(image)) return image;
  ASSIGN_OR_RETURN(Container c, ParseContainer(image));
  return c.padded_elf.first(c.elf_size);
}

SigstructFields EnclaveSigstructFields(const EnclaveConfig& config, const Measurement& mrenclave,
                                       uint32_t date) {
  SigstructFields f;
  f.date = date;
  f.misc_select = config.capture_pf_gp_exceptions ? kMiscSelectExinfo : 0;
  f.misc_mask = kSignedMiscMask;
  f.attributes.flags = kAttributeMode64Bit | (config.debug ? kAttributeDebug : 0) |
                       (config.kss() ? kAttributeKss : 0);
  f.attributes.xfrm = kSignedXfrm;
  f.attribute_mask = {kSignedAttributeMask, kSignedXfrmMask};
  f.isv_family_id = config.family_id.value_or(std::array<uint8_t, 16>{});
  f.isv_ext_prod_id = config.extended_product_id.value_or(std::array<uint8_t, 16>{});
  f.enclave_hash = mrenclave;
  f.isv_prod_id = config.product_id;
  f.isv_svn = config.security_version;
  return f;
}

Result<Measurement> MeasureImage(ByteSpan image, std::string_view config_text,
                                 std::string_view config_name) {
  ASSIGN_OR_RETURN(Measured measured, MeasureParts(image, config_text, config_name));
  return measured.mrenclave;
}

Result<Bytes> SignEnclave(ByteSpan image, std::string_view config_text,
                          const crypto::PrivateKey& key, uint32_t date,
                          std::string_view config_name) {
  ASSIGN_OR_RETURN(Measured measured, MeasureParts(image, config_text, config_name));
  ASSIGN_OR_RETURN(
      Sigstruct sigstruct,
      SignSigstruct(key, EnclaveSigstructFields(measured.config, measured.mrenclave, date)));
  return BuildSignedImage(measured.elf, config_text, sigstruct);
}

Status ImageInspection::verdict() const {
  if (!signature.ok()) return signature;
  if (!identity.ok()) return identity;
  return measurement;
}

Result<ImageInspection> InspectEnclaveImage(ByteSpan bytes) {
  ASSIGN_OR_RETURN(SignedImage file, ParseSignedImage(bytes));
  ASSIGN_OR_RETURN(ElfImage elf, ElfImage::Parse(file.elf()));
  ASSIGN_OR_RETURN(EnclaveLayout layout, ComputeEnclaveLayout(elf, file.config));
  ASSIGN_OR_RETURN(Measurement mrenclave, MeasureEnclave(elf, layout));
  Status signature = VerifySigstruct(file.sigstruct);
  if (!signature.ok()) {
    signature = Refused("SIGSTRUCT signature refused: " + std::string(signature.message()));
  }
  Status identity = CheckIdentity(file.sigstruct.fields, file.config);
  Status measurement;
  const Measurement& signed_hash = file.sigstruct.fields.enclave_hash;
  if (signed_hash != mrenclave) {
    measurement =
        Refused("MRENCLAVE mismatch: signed " + HexEncode(signed_hash) + ", measured " +
                HexEncode(mrenclave) + ": the image or its configuration changed after signing");
  }
  const Measurement mrsigner = MrSigner(file.sigstruct);
  return ImageInspection{std::move(file),
                         elf,
                         std::move(layout),
                         mrenclave,
                         mrsigner,
                         std::move(signature),
                         std::move(identity),
                         std::move(measurement)};
}

Result<VerifiedEnclaveImage> VerifyEnclaveImage(ByteSpan bytes) {
  ASSIGN_OR_RETURN(ImageInspection i, InspectEnclaveImage(bytes));
  RETURN_IF_ERROR(i.verdict());
  return VerifiedEnclaveImage{
      i.file.padded_elf,   i.file.config_text, i.file.config, i.file.sigstruct, i.elf,
      std::move(i.layout), i.mrenclave,        i.mrsigner};
}

}  // namespace confidant::image
