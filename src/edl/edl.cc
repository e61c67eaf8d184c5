#include "edl/edl.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <tuple>
#include <utility>

#include "edl/checker.h"
#include "edl/parser.h"

namespace confidant::edl {
namespace {

namespace fs = std::filesystem;

bool SameLocation(const Location& a, const Location& b) {
  return a.file == b.file && a.line == b.line && a.column == b.column;
}

std::string CanonicalKey(const std::string& path) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(fs::path(path), ec);
  return ec ? path : canonical.string();
}

std::optional<std::string> ReadFile(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(fs::path(path), ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Parses files once each (a file imported twice is the same file), follows imports, and merges
// what they bring into each importing Edl.
class Loader {
 public:
  Loader(const ParseOptions& options, Diagnostics* diagnostics)
      : search_paths_(options.search_paths), diagnostics_(diagnostics) {
    for (const std::string& define : options.defines) {
      defines_.insert(define.substr(0, define.find('=')));
    }
  }

  const Edl* Load(std::string_view text, const std::string& path);

 private:
  // The merged contents of one file while it is being built.
  struct Builder {
    Edl edl;
    std::vector<Function> imported_trusted;
    std::vector<Function> imported_untrusted;
  };

  std::optional<std::string> Resolve(const std::string& importing, const std::string& name) const;
  void AddImport(Import import, Builder* builder);
  void AddType(const UserType& type, const Location& report_at, Builder* builder);
  void AddFunction(const Function& function, const Location& report_at, bool imported,
                   Builder* builder);
  void AddInclude(const std::string& include, Builder* builder);

  std::vector<std::string> search_paths_;
  std::set<std::string> defines_;
  Diagnostics* diagnostics_;
  std::map<std::string, std::unique_ptr<Edl>> cache_;       // by canonical path
  std::vector<std::pair<std::string, std::string>> stack_;  // (key, path) being loaded
};

const Edl* Loader::Load(std::string_view text, const std::string& path) {
  std::string key = CanonicalKey(path);
  stack_.emplace_back(key, path);
  ParsedFile parsed;
  bool syntax_ok = ParseEdlSyntax(text, path, defines_, diagnostics_, &parsed);

  Builder b;
  b.edl.name = fs::path(path).stem().string();
  b.edl.path = path;
  for (const std::string& include : parsed.includes) AddInclude(include, &b);
  if (syntax_ok) {
    size_t next_type = 0;
    for (size_t i = 0; i < parsed.imports.size(); ++i) {
      for (; next_type < parsed.types_before_import[i]; ++next_type) {
        AddType(parsed.types[next_type], parsed.types[next_type].location, &b);
      }
      AddImport(std::move(parsed.imports[i]), &b);
    }
    for (; next_type < parsed.types.size(); ++next_type) {
      AddType(parsed.types[next_type], parsed.types[next_type].location, &b);
    }
    for (const Function& f : parsed.trusted) AddFunction(f, f.location, false, &b);
    for (const Function& f : parsed.untrusted) AddFunction(f, f.location, false, &b);
    for (Function& f : b.imported_trusted) b.edl.trusted.push_back(std::move(f));
    for (Function& f : b.imported_untrusted) b.edl.untrusted.push_back(std::move(f));
    CheckEdl(b.edl, diagnostics_);
  }
  stack_.pop_back();
  auto [it, inserted] = cache_.emplace(key, std::make_unique<Edl>(std::move(b.edl)));
  return it->second.get();
}

std::optional<std::string> Loader::Resolve(const std::string& importing,
                                           const std::string& name) const {
  std::vector<fs::path> candidates;
  fs::path file(name);
  if (file.is_absolute()) {
    candidates.push_back(file);
  } else {
    candidates.push_back(fs::path(importing).parent_path() / file);
    for (const std::string& dir : search_paths_) candidates.push_back(fs::path(dir) / file);
  }
  for (const fs::path& candidate : candidates) {
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec)) return candidate.string();
  }
  return std::nullopt;
}

void Loader::AddImport(Import import, Builder* b) {
  std::optional<std::string> path = Resolve(b->edl.path, import.file);
  if (!path.has_value()) {
    diagnostics_->Error(import.location, "file not found within search paths: " + import.file);
    return;
  }
  import.resolved_path = *path;
  std::string key = CanonicalKey(*path);
  const Edl* imported = nullptr;
  if (auto cached = cache_.find(key); cached != cache_.end()) {
    imported = cached->second.get();
  } else {
    for (size_t i = 0; i < stack_.size(); ++i) {
      if (stack_[i].first != key) continue;
      std::string cycle;
      for (size_t j = i; j < stack_.size(); ++j) cycle += stack_[j].second + " -> ";
      diagnostics_->Error(import.location, "recursive import detected: " + cycle + *path);
      return;
    }
    std::optional<std::string> text = ReadFile(*path);
    if (!text.has_value()) {
      diagnostics_->Error(import.location, "cannot read " + *path);
      return;
    }
    imported = Load(*text, *path);
  }

  for (const UserType& type : imported->types) AddType(type, import.location, b);
  for (const std::string& include : imported->includes) AddInclude(include, b);
  if (import.all) {
    for (const Function& f : imported->trusted) AddFunction(f, import.location, true, b);
    for (const Function& f : imported->untrusted) AddFunction(f, import.location, true, b);
  } else {
    for (size_t i = 0; i < import.functions.size(); ++i) {
      const std::string& name = import.functions[i];
      const Function* found = nullptr;
      for (const auto* list : {&imported->trusted, &imported->untrusted}) {
        for (const Function& f : *list) {
          if (f.name == name && found == nullptr) found = &f;
        }
      }
      if (found == nullptr) {
        diagnostics_->Error(import.function_locations[i],
                            "function " + name + " not found in imported edl.");
      } else {
        AddFunction(*found, import.function_locations[i], true, b);
      }
    }
  }
  b->edl.imports.push_back(std::move(import));
}

void Loader::AddType(const UserType& type, const Location& report_at, Builder* b) {
  if (!type.name.empty()) {
    for (const UserType& seen : b->edl.types) {
      if (seen.name != type.name) continue;
      if (!SameLocation(seen.location, type.location)) {
        diagnostics_->Error(report_at, "Duplicate type definition detected for " + type.name);
      }
      return;
    }
  } else {
    for (const UserType& seen : b->edl.types) {
      if (SameLocation(seen.location, type.location)) return;  // imported twice
    }
  }
  b->edl.types.push_back(type);
}

void Loader::AddFunction(const Function& function, const Location& report_at, bool imported,
                         Builder* b) {
  for (const auto* list :
       {&b->edl.trusted, &b->edl.untrusted, &b->imported_trusted, &b->imported_untrusted}) {
    for (const Function& seen : *list) {
      if (seen.name != function.name) continue;
      if (!SameLocation(seen.location, function.location)) {
        diagnostics_->Error(report_at,
                            "Duplicate function definition detected for " + function.name);
      }
      return;
    }
  }
  std::vector<Function>& list =
      imported ? (function.trusted ? b->imported_trusted : b->imported_untrusted)
               : (function.trusted ? b->edl.trusted : b->edl.untrusted);
  list.push_back(function);
}

void Loader::AddInclude(const std::string& include, Builder* b) {
  for (const std::string& seen : b->edl.includes) {
    if (seen == include) return;
  }
  b->edl.includes.push_back(include);
}

// Orders diagnostics by position within each file, files in the order they were first reported
// (parse errors come before the checks' otherwise).
std::vector<Diagnostic> Sorted(std::vector<Diagnostic> all) {
  std::map<std::string, size_t> file_order;
  for (const Diagnostic& d : all) file_order.emplace(d.location.file, file_order.size());
  std::stable_sort(all.begin(), all.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    return std::make_tuple(file_order[a.location.file], a.location.line, a.location.column) <
           std::make_tuple(file_order[b.location.file], b.location.line, b.location.column);
  });
  return all;
}

Result<Edl> Finish(const Edl* edl, Diagnostics& found, std::vector<Diagnostic>* diagnostics) {
  bool ok = !found.HasErrors();
  std::vector<Diagnostic> all = Sorted(found.Take());
  std::string errors;
  for (const Diagnostic& d : all) {
    if (d.severity != Severity::kError) continue;
    if (!errors.empty()) errors += "\n";
    errors += d.ToString();
  }
  if (diagnostics != nullptr) *diagnostics = std::move(all);
  if (!ok) return InvalidArgumentError(errors);
  return *edl;
}

}  // namespace

Result<Edl> ParseEdlText(std::string_view text, std::string_view name, const ParseOptions& options,
                         std::vector<Diagnostic>* diagnostics) {
  Diagnostics found;
  Loader loader(options, &found);
  const Edl* edl = loader.Load(text, std::string(name));
  return Finish(edl, found, diagnostics);
}

Result<Edl> ParseEdlFile(const std::string& path, const ParseOptions& options,
                         std::vector<Diagnostic>* diagnostics) {
  std::optional<std::string> text = ReadFile(path);
  if (!text.has_value()) {
    if (diagnostics != nullptr) diagnostics->clear();
    return NotFoundError("edl: cannot read " + path);
  }
  return ParseEdlText(*text, path, options, diagnostics);
}

}  // namespace confidant::edl
