#include "edl/ast.h"

namespace confidant::edl {
namespace {

const char* BaseName(TypeKind kind) {
  switch (kind) {
    case TypeKind::kVoid:
      return "void";
    case TypeKind::kBool:
      return "bool";
    case TypeKind::kChar:
      return "char";
    case TypeKind::kShort:
      return "short";
    case TypeKind::kInt:
      return "int";
    case TypeKind::kLong:
      return "long";
    case TypeKind::kLongLong:
      return "long long";
    case TypeKind::kFloat:
      return "float";
    case TypeKind::kDouble:
      return "double";
    case TypeKind::kLongDouble:
      return "long double";
    case TypeKind::kWchar:
      return "wchar_t";
    case TypeKind::kSizeT:
      return "size_t";
    case TypeKind::kInt8:
      return "int8_t";
    case TypeKind::kInt16:
      return "int16_t";
    case TypeKind::kInt32:
      return "int32_t";
    case TypeKind::kInt64:
      return "int64_t";
    case TypeKind::kUInt8:
      return "uint8_t";
    case TypeKind::kUInt16:
      return "uint16_t";
    case TypeKind::kUInt32:
      return "uint32_t";
    case TypeKind::kUInt64:
      return "uint64_t";
    case TypeKind::kEnum:
      return "enum ";
    case TypeKind::kStruct:
      return "struct ";
    case TypeKind::kUnion:
      return "union ";
    case TypeKind::kForeign:
      return "";
  }
  return "";
}

}  // namespace

std::string TypeToString(const Type& type) {
  std::string s;
  if (type.is_const) s += "const ";
  if (type.is_unsigned) s += "unsigned ";
  s += BaseName(type.kind);
  s += type.name;
  s.append(static_cast<size_t>(type.pointer_depth), '*');
  return s;
}

bool UserType::IsDeepCopy() const {
  if (kind != UserTypeKind::kStruct) return false;
  for (const Declaration& field : fields) {
    if (field.attributes.has_size || field.attributes.has_count) return true;
  }
  return false;
}

const UserType* Edl::FindType(const std::string& type_name) const {
  for (const UserType& type : types) {
    if (!type.name.empty() && type.name == type_name) return &type;
  }
  return nullptr;
}

}  // namespace confidant::edl
