// Runs every EDL of the corpus (src/edl/testdata/) and compares its diagnostics with the golden
// file beside it (x.edl -> x.diagnostics; empty for a clean file). Paths in diagnostics are
// relative to testdata/. Files under valid/ and lib/ must parse; those under invalid/ must not.
// CONFIDANT_EDL_UPDATE_GOLDEN=1 rewrites the golden files (review the diff before committing).

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "edl/edl.h"

namespace confidant::edl {
namespace {

namespace fs = std::filesystem;

fs::path TestData() { return fs::path(CONFIDANT_SOURCE_DIR) / "src/edl/testdata"; }

ParseOptions CorpusOptions() {
  return {{(TestData() / "lib").string()}, {"CONFIDANT_TEST_DEFINED"}};
}

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<fs::path> CorpusFiles(const std::string& folder) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(TestData() / folder)) {
    if (entry.path().extension() == ".edl") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string Render(const std::vector<Diagnostic>& diagnostics) {
  std::string prefix = TestData().string() + "/";
  std::string out;
  for (const Diagnostic& d : diagnostics) {
    std::string line = d.ToString();
    for (size_t at; (at = line.find(prefix)) != std::string::npos;) line.erase(at, prefix.size());
    out += line + "\n";
  }
  return out;
}

void CheckFolder(const std::string& folder, bool expect_ok) {
  bool update = std::getenv("CONFIDANT_EDL_UPDATE_GOLDEN") != nullptr;
  std::vector<fs::path> files = CorpusFiles(folder);
  ASSERT_FALSE(files.empty());
  for (const fs::path& file : files) {
    SCOPED_TRACE(file.string());
    std::vector<Diagnostic> diagnostics;
    Result<Edl> edl = ParseEdlFile(file.string(), CorpusOptions(), &diagnostics);
    EXPECT_EQ(edl.ok(), expect_ok) << edl.status();
    fs::path golden = fs::path(file).replace_extension(".diagnostics");
    std::string got = Render(diagnostics);
    if (update) {
      std::ofstream(golden, std::ios::binary) << got;
      continue;
    }
    ASSERT_TRUE(fs::exists(golden)) << "no golden file " << golden;
    EXPECT_EQ(got, ReadAll(golden));
    if (!edl.ok()) {
      // The status carries the same errors as the diagnostics.
      EXPECT_NE(edl.status().message().find(diagnostics.front().message), std::string::npos);
    }
  }
}

TEST(EdlCorpusTest, ValidFilesParse) { CheckFolder("valid", true); }
TEST(EdlCorpusTest, LibraryFilesParse) { CheckFolder("lib", true); }
TEST(EdlCorpusTest, InvalidFilesReportTheGoldenDiagnostics) { CheckFolder("invalid", false); }

// Every prefix of every valid file: no crash, and a failure always says why.
TEST(EdlCorpusTest, TruncatedFilesNeverCrash) {
  for (const std::string folder : {"valid", "lib"}) {
    for (const fs::path& file : CorpusFiles(folder)) {
      std::string text = ReadAll(file);
      for (size_t n = 0; n < text.size(); ++n) {
        std::vector<Diagnostic> diagnostics;
        Result<Edl> edl = ParseEdlText(std::string_view(text).substr(0, n), file.string(),
                                       CorpusOptions(), &diagnostics);
        if (!edl.ok()) {
          bool has_error = false;
          for (const Diagnostic& d : diagnostics) has_error |= d.severity == Severity::kError;
          ASSERT_TRUE(has_error) << file << " truncated at " << n;
        }
      }
    }
  }
}

}  // namespace
}  // namespace confidant::edl
