#include "edl/interface_id.h"

#include <vector>

#include "common/bytes.h"
#include "crypto/hash.h"

namespace confidant::edl {
namespace {

std::string AttributesText(const Attributes& a) {
  std::vector<std::string> parts;
  if (a.in) parts.push_back("in");
  if (a.out) parts.push_back("out");
  if (a.string) parts.push_back("string");
  if (a.wstring) parts.push_back("wstring");
  if (a.isptr) parts.push_back("isptr");
  if (a.isary) parts.push_back("isary");
  if (a.user_check) parts.push_back("user_check");
  if (a.has_count) parts.push_back("count=" + a.count.ToString());
  if (a.has_size) parts.push_back("size=" + a.size.ToString());
  if (parts.empty()) return "";
  std::string text = "[";
  for (size_t i = 0; i < parts.size(); ++i) text += (i == 0 ? "" : ",") + parts[i];
  return text + "] ";
}

std::string DeclarationsText(const std::vector<Declaration>& decls, const char* separator) {
  std::string text;
  for (size_t i = 0; i < decls.size(); ++i) {
    const Declaration& d = decls[i];
    if (i > 0) text += separator;
    text += AttributesText(d.attributes) + TypeToString(d.type) + " " + d.name;
    for (const Extent& dim : d.dimensions) text += "[" + dim.ToString() + "]";
  }
  return text;
}

std::string TypeText(const UserType& type) {
  switch (type.kind) {
    case UserTypeKind::kEnum: {
      std::string text = "enum " + type.name + " {";
      for (size_t i = 0; i < type.items.size(); ++i) {
        const EnumItem& item = type.items[i];
        text += (i == 0 ? "" : ", ") + item.name;
        if (item.has_value) text += "=" + item.value.ToString();
      }
      return text + "}";
    }
    case UserTypeKind::kStruct:
    case UserTypeKind::kUnion:
      return std::string(type.kind == UserTypeKind::kStruct ? "struct " : "union ") + type.name +
             " {" + DeclarationsText(type.fields, "; ") + "}";
  }
  return "";
}

std::string FunctionText(const Function& f, size_t id) {
  std::string text = std::string(f.trusted ? "trusted " : "untrusted ") + std::to_string(id) + " " +
                     TypeToString(f.return_type) + " " + f.name + "(" +
                     DeclarationsText(f.parameters, ", ") + ")";
  if (f.switchless) text += " transition_using_threads";
  if (f.propagate_errno) text += " propagate_errno";
  return text;
}

}  // namespace

std::string InterfaceText(const Edl& edl) {
  std::string text = "confidant-edl-interface 1\n";
  for (const UserType& type : edl.types) text += TypeText(type) + "\n";
  for (size_t i = 0; i < edl.trusted.size(); ++i) text += FunctionText(edl.trusted[i], i) + "\n";
  for (size_t i = 0; i < edl.untrusted.size(); ++i) {
    text += FunctionText(edl.untrusted[i], i) + "\n";
  }
  return text;
}

uint64_t InterfaceId(const Edl& edl) {
  Bytes digest = crypto::Sha256(AsBytes(InterfaceText(edl)));
  uint64_t id = 0;
  for (int i = 7; i >= 0; --i) id = (id << 8) | digest[static_cast<size_t>(i)];
  return id;
}

}  // namespace confidant::edl
