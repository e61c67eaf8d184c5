// `confidant enclave sign | inspect | measure`: signed enclave images (docs/cli.md,
// docs/enclave-images.md).

#include <chrono>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "common/encoding.h"
#include "common/file.h"
#include "common/time.h"
#include "crypto/key.h"
#include "image/signed_image.h"

namespace confidant::cli {
namespace {

using image::EnclaveConfig;
using image::EnclaveLayout;
using image::ImageInspection;

constexpr char kKeyHint[] = "create one with `openssl genrsa -out private.pem -3 3072`";

// -e IMAGE -c CONF, which sign and measure share.
struct ImageAndConfig {
  std::string image;
  std::string config;
};

struct SignSettings : ImageAndConfig {
  std::string key;
  std::string output;
};

std::string AsText(ByteSpan bytes) { return std::string(bytes.begin(), bytes.end()); }

Result<crypto::PrivateKey> LoadSigningKey(const std::string& path) {
  ASSIGN_OR_RETURN(Bytes pem, ReadFile(path));
  Result<crypto::PrivateKey> key = crypto::PrivateKey::FromPem(AsText(pem));
  if (!key.ok()) {
    return InvalidArgumentError(path + ": " + std::string(key.status().message()) + " (" +
                                kKeyHint + ")");
  }
  Status suitable = image::CheckSigningKey(*key);
  if (!suitable.ok()) {
    return InvalidArgumentError(path + ": " + std::string(suitable.message()) + " (" + kKeyHint +
                                ")");
  }
  return key;
}

// Checks the image alone first, so that its errors name its file.
Status CheckImage(const std::string& path, ByteSpan bytes) {
  Result<ByteSpan> elf = image::ExtractElf(bytes);
  if (!elf.ok()) return elf.status().WithContext(path);
  return image::ElfImage::Parse(*elf).status().WithContext(path);
}

uint32_t Today() {
  auto days = std::chrono::floor<std::chrono::days>(SystemClock().Now());
  return image::SigstructDate(std::chrono::year_month_day(days));
}

Status Sign(const SignSettings& s, const Output& output) {
  ASSIGN_OR_RETURN(Bytes image_bytes, ReadFile(s.image));
  ASSIGN_OR_RETURN(Bytes config, ReadFile(s.config));
  ASSIGN_OR_RETURN(crypto::PrivateKey key, LoadSigningKey(s.key));
  RETURN_IF_ERROR(CheckImage(s.image, image_bytes));
  ASSIGN_OR_RETURN(Bytes signed_image,
                   image::SignEnclave(image_bytes, AsText(config), key, Today(), s.config));
  const std::string out = s.output.empty() ? s.image + ".signed" : s.output;
  RETURN_IF_ERROR(WriteFile(out, signed_image));
  ASSIGN_OR_RETURN(image::SignedImage parsed, image::ParseSignedImage(signed_image));
  const std::string mrenclave = HexEncode(parsed.sigstruct.fields.enclave_hash);
  const std::string mrsigner = HexEncode(image::MrSigner(parsed.sigstruct));
  if (output.json) {
    PrintJson(output, {{"output", out}, {"mrenclave", mrenclave}, {"mrsigner", mrsigner}});
  } else {
    output.out << "signed: " << out << "\nmrenclave: " << mrenclave << "\nmrsigner: " << mrsigner
               << '\n';
  }
  return OkStatus();
}

Status Measure(const ImageAndConfig& s, const Output& output) {
  ASSIGN_OR_RETURN(Bytes image_bytes, ReadFile(s.image));
  ASSIGN_OR_RETURN(Bytes config, ReadFile(s.config));
  RETURN_IF_ERROR(CheckImage(s.image, image_bytes));
  ASSIGN_OR_RETURN(image::Measurement mrenclave,
                   image::MeasureImage(image_bytes, AsText(config), s.config));
  if (output.json) {
    PrintJson(output, {{"mrenclave", HexEncode(mrenclave)}});
  } else {
    output.out << HexEncode(mrenclave) << '\n';
  }
  return OkStatus();
}

// The configuration's effective values (defaults included), as .conf keys.
nlohmann::ordered_json ConfigJson(const EnclaveConfig& c) {
  nlohmann::ordered_json j = {{"Debug", c.debug},
                              {"NumHeapPages", c.num_heap_pages},
                              {"NumStackPages", c.num_stack_pages},
                              {"NumTCS", c.num_tcs},
                              {"ProductID", c.product_id},
                              {"SecurityVersion", c.security_version}};
  if (c.family_id) j["FamilyID"] = HexEncode(*c.family_id);
  if (c.extended_product_id) j["ExtendedProductID"] = HexEncode(*c.extended_product_id);
  j["CapturePFGPExceptions"] = c.capture_pf_gp_exceptions;
  j["CreateZeroBaseEnclave"] = c.create_zero_base_enclave;
  if (c.start_address) j["StartAddress"] = *c.start_address;
  return j;
}

nlohmann::ordered_json AttributesJson(const image::SgxAttributes& a) {
  nlohmann::ordered_json names = nlohmann::ordered_json::array();
  const std::pair<uint64_t, const char*> kNames[] = {
      {image::kAttributeInit, "INIT"},
      {image::kAttributeDebug, "DEBUG"},
      {image::kAttributeMode64Bit, "MODE64BIT"},
      {image::kAttributeProvisionKey, "PROVISIONKEY"},
      {image::kAttributeEinitTokenKey, "EINITTOKEN_KEY"},
      {image::kAttributeKss, "KSS"},
      {image::kAttributeAexNotify, "AEXNOTIFY"}};
  for (const auto& [bit, name] : kNames) {
    if ((a.flags & bit) != 0) names.push_back(name);
  }
  return {{"flags", HexNumber(a.flags)}, {"names", names}, {"xfrm", HexNumber(a.xfrm)}};
}

nlohmann::ordered_json LayoutJson(const EnclaveLayout& l) {
  nlohmann::ordered_json tcs = nlohmann::ordered_json::array();
  for (const image::TcsLayout& t : l.tcs) {
    tcs.push_back({{"stack_offset", HexNumber(t.stack_offset)},
                   {"stack_size", HexNumber(t.stack_size)},
                   {"tcs_offset", HexNumber(t.tcs_offset)},
                   {"ssa_offset", HexNumber(t.ssa_offset)},
                   {"ssa_size", HexNumber(t.ssa_size)}});
  }
  nlohmann::ordered_json regions = nlohmann::ordered_json::array();
  for (const image::Region& r : l.regions) {
    regions.push_back({{"kind", image::RegionKindName(r.kind)},
                       {"offset", HexNumber(r.offset)},
                       {"size", HexNumber(r.size)},
                       {"secinfo", HexNumber(r.secinfo_flags)},
                       {"measured", r.measured}});
  }
  return {{"enclave_size", HexNumber(l.enclave_size)},
          {"image_span", HexNumber(l.image_span)},
          {"heap_offset", HexNumber(l.heap_offset)},
          {"heap_size", HexNumber(l.heap_size)},
          {"entry_offset", HexNumber(l.entry_offset)},
          {"tcs", tcs},
          {"regions", regions}};
}

std::string CheckText(const Status& status) {
  return status.ok() ? "ok" : "refused: " + std::string(status.message());
}

nlohmann::ordered_json InspectionJson(const ImageInspection& i) {
  const image::SigstructFields& f = i.file.sigstruct.fields;
  return {{"verified", i.verdict().ok()},
          {"checks",
           {{"signature", CheckText(i.signature)},
            {"identity", CheckText(i.identity)},
            {"measurement", CheckText(i.measurement)}}},
          {"mrenclave", HexEncode(i.mrenclave)},
          {"signed_mrenclave", HexEncode(f.enclave_hash)},
          {"mrsigner", HexEncode(i.mrsigner)},
          {"isvprodid", f.isv_prod_id},
          {"isvsvn", f.isv_svn},
          {"attributes", AttributesJson(f.attributes)},
          {"date", HexU32(f.date).substr(2)},
          {"configuration", ConfigJson(i.file.config)},
          {"layout", LayoutJson(i.layout)}};
}

void PrintInspectionText(const ImageInspection& i, std::ostream& out) {
  const image::SigstructFields& f = i.file.sigstruct.fields;
  out << "verified: " << (i.verdict().ok() ? "yes" : "NO") << '\n'
      << "  signature: " << CheckText(i.signature) << '\n'
      << "  identity: " << CheckText(i.identity) << '\n'
      << "  measurement: " << CheckText(i.measurement) << '\n'
      << "mrenclave: " << HexEncode(i.mrenclave) << " (measured)\n"
      << "signed mrenclave: " << HexEncode(f.enclave_hash) << '\n'
      << "mrsigner: " << HexEncode(i.mrsigner) << '\n'
      << "isvprodid: " << f.isv_prod_id << '\n'
      << "isvsvn: " << f.isv_svn << '\n';
  nlohmann::ordered_json attributes = AttributesJson(f.attributes);
  out << "attributes: " << attributes["flags"].get<std::string>();
  for (const auto& name : attributes["names"]) out << ' ' << name.get<std::string>();
  out << ", xfrm " << attributes["xfrm"].get<std::string>() << '\n'
      << "date: " << HexU32(f.date).substr(2) << '\n'
      << "configuration:\n";
  const nlohmann::ordered_json config = ConfigJson(i.file.config);
  for (const auto& [key, value] : config.items()) {
    out << "  " << key << '='
        << (value.is_boolean() ? (value.get<bool>() ? "1" : "0")
                               : (value.is_string() ? value.get<std::string>() : value.dump()))
        << '\n';
  }
  const EnclaveLayout& l = i.layout;
  out << "layout:\n"
      << "  enclave size: " << HexNumber(l.enclave_size) << '\n'
      << "  image: 0x0 size " << HexNumber(l.image_span) << ", entry " << HexNumber(l.entry_offset)
      << '\n'
      << "  heap: " << HexNumber(l.heap_offset) << " size " << HexNumber(l.heap_size) << '\n';
  for (size_t t = 0; t < l.tcs.size(); ++t) {
    const image::TcsLayout& tcs = l.tcs[t];
    out << "  tcs " << t << ": stack " << HexNumber(tcs.stack_offset) << " size "
        << HexNumber(tcs.stack_size) << ", tcs " << HexNumber(tcs.tcs_offset) << ", ssa "
        << HexNumber(tcs.ssa_offset) << " size " << HexNumber(tcs.ssa_size) << '\n';
  }
}

Status Inspect(const std::string& path, const Output& output) {
  ASSIGN_OR_RETURN(Bytes bytes, ReadFile(path));
  Result<ImageInspection> inspection = image::InspectEnclaveImage(bytes);
  if (!inspection.ok()) return inspection.status().WithContext(path);
  Status verdict = inspection->verdict();
  // With --json a refused image is reported as the error document alone (docs/cli.md).
  if (output.json && verdict.ok()) PrintJson(output, InspectionJson(*inspection));
  if (!output.json) PrintInspectionText(*inspection, output.out);
  return verdict.WithContext(path);
}

void AddImageAndConfigOptions(CLI::App& command, ImageAndConfig& s) {
  command
      .add_option("-e,--enclave", s.image, "Enclave image: the ELF shared object or a signed image")
      ->required()
      ->check(CLI::ExistingFile);
  command
      .add_option("-c,--config", s.config,
                  "Enclave configuration file (Key=Value lines: Debug, NumHeapPages, "
                  "NumStackPages, NumTCS, ProductID, SecurityVersion, ...)")
      ->required()
      ->check(CLI::ExistingFile);
}

void AddSign(CLI::App& group, Commands& commands) {
  CLI::App* sign = group.add_subcommand(
      "sign",
      "Sign an enclave image: measure it under a configuration and write IMAGE.signed (the ELF, "
      "the configuration, an SGX SIGSTRUCT). A signed image can be signed again: its trailer is "
      "replaced");
  auto s = std::make_shared<SignSettings>();
  AddImageAndConfigOptions(*sign, *s);
  sign->add_option("-k,--key", s->key,
                   "Signing key, PEM: RSA-3072 with public exponent 3 (openssl genrsa -out "
                   "private.pem -3 3072)")
      ->required()
      ->check(CLI::ExistingFile);
  sign->add_option("-o,--output", s->output,
                   "Where to write the signed image (default: IMAGE.signed)");
  commands.SetAction(sign, [s](const Output& output) { return Sign(*s, output); });
}

void AddInspect(CLI::App& group, Commands& commands) {
  CLI::App* inspect = group.add_subcommand(
      "inspect",
      "Show a signed image's MRENCLAVE, MRSIGNER, ISVPRODID, ISVSVN, attributes, configuration "
      "and layout, and check it as platformd does at launch. Exit 0 verified, 1 refused or "
      "malformed");
  auto path = std::make_shared<std::string>();
  inspect->add_option("IMAGE", *path, "Signed enclave image")->required()->check(CLI::ExistingFile);
  commands.SetAction(inspect, [path](const Output& output) { return Inspect(*path, output); });
}

void AddMeasure(CLI::App& group, Commands& commands) {
  CLI::App* measure = group.add_subcommand(
      "measure", "Print the MRENCLAVE a signer would sign for an image and a configuration");
  auto s = std::make_shared<ImageAndConfig>();
  AddImageAndConfigOptions(*measure, *s);
  commands.SetAction(measure, [s](const Output& output) { return Measure(*s, output); });
}

}  // namespace

void AddEnclaveCommand(CLI::App& app, Commands& commands) {
  CLI::App* group = app.add_subcommand(
      "enclave", "Enclave images: sign, inspect and measure (MRENCLAVE) signed enclave images");
  AddSign(*group, commands);
  AddInspect(*group, commands);
  AddMeasure(*group, commands);
}

}  // namespace confidant::cli
