#include "edl/edger8r_cli.h"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "edl/codegen.h"
#include "edl/edl.h"

namespace confidant::edl {
namespace {

namespace fs = std::filesystem;

struct Options {
  std::vector<std::string> files;
  std::vector<std::string> search_paths;
  std::vector<std::string> defines;
  bool trusted = false;
  bool untrusted = false;
  std::string trusted_dir = ".";
  std::string untrusted_dir = ".";
  bool header_only = false;
};

bool WriteFiles(const std::string& dir, const std::vector<GeneratedFile>& files,
                std::ostream& err) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    err << "confidant-edger8r: cannot create " << dir << ": " << ec.message() << "\n";
    return false;
  }
  for (const GeneratedFile& file : files) {
    fs::path path = fs::path(dir) / file.name;
    std::ofstream stream(path, std::ios::binary | std::ios::trunc);
    stream << file.text;
    stream.close();
    if (!stream) {
      err << "confidant-edger8r: cannot write " << path.string() << "\n";
      return false;
    }
  }
  return true;
}

void Print(const std::vector<Diagnostic>& diagnostics, std::ostream& err) {
  for (const Diagnostic& d : diagnostics) err << d.ToString() << "\n";
}

// Generates the requested sides of one EDL; false on any error (already printed).
bool Generate(const std::string& file, const Options& options, std::ostream& err) {
  std::vector<Diagnostic> diagnostics;
  Result<Edl> edl =
      ParseEdlFile(file, ParseOptions{options.search_paths, options.defines}, &diagnostics);
  Print(diagnostics, err);
  if (!edl.ok()) {
    if (diagnostics.empty()) err << "confidant-edger8r: " << edl.status().message() << "\n";
    return false;
  }
  bool both = !options.trusted && !options.untrusted;
  CodegenOptions codegen{.header_only = options.header_only};
  for (Side side : {Side::kTrusted, Side::kUntrusted}) {
    bool trusted = side == Side::kTrusted;
    if (!both && !(trusted ? options.trusted : options.untrusted)) continue;
    Result<std::vector<GeneratedFile>> files = GenerateCode(*edl, side, codegen, &diagnostics);
    if (!files.ok()) {
      Print(diagnostics, err);
      return false;
    }
    if (!WriteFiles(trusted ? options.trusted_dir : options.untrusted_dir, *files, err)) {
      return false;
    }
  }
  return true;
}

}  // namespace

int RunEdger8r(std::span<const char* const> args, std::ostream& out, std::ostream& err) {
  Options options;
  CLI::App app(
      "Generates the C++ of both sides of an enclave boundary from Open Enclave EDL files "
      "(docs/edl.md).",
      "confidant-edger8r");
  app.set_version_flag("--version", std::string("confidant-edger8r ") + CONFIDANT_VERSION);
  app.add_option("files", options.files, "EDL files")->required();
  app.add_option("--search-path", options.search_paths,
                 "Look for imported EDL files here too (repeatable)")
      ->expected(1);
  app.add_option("-D", options.defines, "Define NAME for #ifdef (repeatable): -DNAME or -D NAME")
      ->expected(1);
  app.add_flag("--trusted", options.trusted, "Generate the enclave side (*_t.h, *_t.cc)");
  app.add_flag("--untrusted", options.untrusted, "Generate the host side (*_u.h, *_u.cc)");
  app.add_option("--trusted-dir", options.trusted_dir,
                 "Directory of the enclave side's files (default: .)");
  app.add_option("--untrusted-dir", options.untrusted_dir,
                 "Directory of the host side's files (default: .)");
  app.add_flag("--header-only", options.header_only, "Generate the headers only");
  try {
    app.parse(static_cast<int>(args.size()), args.data());
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e, out, err);
    return code == 0 ? 0 : 2;
  }
  bool ok = true;
  for (const std::string& file : options.files) ok &= Generate(file, options, err);
  return ok ? 0 : 1;
}

}  // namespace confidant::edl
