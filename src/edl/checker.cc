#include "edl/checker.h"

#include <set>
#include <string>
#include <vector>

namespace confidant::edl {
namespace {

std::string Quote(const std::string& s) { return "`" + s + "'"; }

const char* AttributeName(AttributeKind kind) {
  switch (kind) {
    case AttributeKind::kIn:
      return "in";
    case AttributeKind::kOut:
      return "out";
    case AttributeKind::kString:
      return "string";
    case AttributeKind::kWstring:
      return "wstring";
    case AttributeKind::kIsPtr:
      return "isptr";
    case AttributeKind::kIsAry:
      return "isary";
    case AttributeKind::kUserCheck:
      return "user_check";
    case AttributeKind::kCount:
      return "count";
    case AttributeKind::kSize:
      return "size";
  }
  return "";
}

class Checker {
 public:
  Checker(const Edl& edl, Diagnostics* diagnostics) : edl_(edl), diagnostics_(diagnostics) {}

  void Run();

 private:
  bool Own(const Location& location) const { return location.file == edl_.path; }
  void Error(const Location& location, std::string message) {
    diagnostics_->Error(location, std::move(message));
  }

  void CheckUserType(const UserType& type);
  void CheckFunction(const Function& function);
  // "struct `S'", "Function `f'": the prefix of messages about a declaration list.
  void CheckDeclarations(const std::string& parent, const std::vector<Declaration>& decls,
                         bool in_function);
  // Reports the first attribute error of `decl`, in the order the attributes were written.
  void CheckAttributes(const Declaration& decl, bool in_function);
  bool CheckAttribute(const Declaration& decl, const Attribute& attribute, bool in_function);
  bool CheckPlainType(const Declaration& decl, const Attribute& attribute);
  void CheckSizeCountReference(const Extent& extent, const std::vector<Declaration>& decls);
  void CheckTypeDefined(const Type& type, const Location& location);
  // The EDL struct `type` names by value or through pointers, or nullptr.
  const UserType* DeepCopyStruct(const Type& type) const;
  // True if deep-copying `type` reaches `target` again through its size=/count= members.
  bool DeepCopyReaches(const UserType& type, const UserType& target,
                       std::set<const UserType*>* seen) const;

  const Edl& edl_;
  Diagnostics* diagnostics_;
  // Declarations whose attributes were reported: later checks of them would repeat the error.
  std::set<const Declaration*> bad_attributes_;
};

void Checker::Run() {
  std::set<std::string> enumerators;
  for (const UserType& type : edl_.types) {
    for (const EnumItem& item : type.items) {
      bool inserted = enumerators.insert(item.name).second;
      if (!inserted && Own(item.location)) {
        Error(item.location, "duplicate enumerator " + Quote(item.name));
      }
    }
    if (Own(type.location)) CheckUserType(type);
  }
  for (const Function& f : edl_.trusted) {
    if (Own(f.location)) CheckFunction(f);
  }
  for (const Function& f : edl_.untrusted) {
    if (Own(f.location)) CheckFunction(f);
  }
}

void Checker::CheckUserType(const UserType& type) {
  if (type.kind == UserTypeKind::kEnum) return;
  bool is_struct = type.kind == UserTypeKind::kStruct;
  std::string parent = (is_struct ? "struct " : "union ") + Quote(type.name);
  if (!is_struct) {
    for (const Declaration& field : type.fields) {
      if (!field.attributes.written.empty()) {
        Error(field.attributes.written.front().location, "attributes are not allowed for unions");
      }
    }
  }
  CheckDeclarations(parent, type.fields, false);
  for (const Declaration& field : type.fields) {
    const UserType* deep = DeepCopyStruct(field.type);
    if (deep != nullptr && !field.type.IsPointer()) {
      Error(field.location, parent + ": member " + Quote(field.name) +
                                " holds the deep-copy struct " + Quote(deep->name) +
                                " by value; deep copy works through pointers only");
    }
    const Attributes& a = field.attributes;
    if ((a.has_size || a.has_count) && !field.dimensions.empty()) {
      Error(field.location, parent + ": " + Quote(field.name) +
                                " is an array of pointers; size/count apply to one pointer");
    }
  }
  std::set<const UserType*> seen;
  if (type.IsDeepCopy() && DeepCopyReaches(type, type, &seen)) {
    Error(type.location, parent +
                             " contains itself through deep-copied members; deep copy needs a "
                             "finite depth");
  }
}

void Checker::CheckFunction(const Function& f) {
  std::string parent = "Function " + Quote(f.name);
  if (f.trusted && !f.is_public) {
    Error(f.location, parent + ": `private' specifier is not supported by confidant-edger8r");
  }
  if (f.has_allow) {
    if (f.trusted) {
      Error(f.allow_location, "the `allow' syntax is invalid for a trusted function (ECALL).");
    } else {
      diagnostics_->Warning(f.allow_location,
                            parent +
                                ": the `allow' syntax is currently unsupported. Ignored "
                                "[-Wunsupported-allow].");
    }
  }
  CheckTypeDefined(f.return_type, f.location);
  const UserType* deep_return = DeepCopyStruct(f.return_type);
  if (deep_return != nullptr && !f.return_type.IsPointer()) {
    Error(f.location, parent + ": returns the deep-copy struct " + Quote(deep_return->name) +
                          " by value; deep copy works through pointer parameters only");
  }
  CheckDeclarations(parent, f.parameters, true);
  for (const Declaration& p : f.parameters) {
    if (p.type.kind == TypeKind::kVoid && !p.type.IsPointer()) {
      Error(p.location, parent + ": parameter " + Quote(p.name) + " has type `void'");
    }
    if (bad_attributes_.count(&p) > 0) continue;
    const Attributes& a = p.attributes;
    if (p.type.IsPointer() && !a.HasDirection() && !a.user_check && !a.isptr && !a.isary) {
      Error(p.location, parent + ": " + Quote(p.name) +
                            " is a pointer without a direction; annotate it with [in], [out], "
                            "[in, out] or [user_check]");
    }
    if (!p.dimensions.empty() && !a.HasDirection() && !a.user_check) {
      Error(p.location, parent + ": " + Quote(p.name) +
                            " is an array without a direction; annotate it with [in], [out], "
                            "[in, out] or [user_check]");
    }
    if (p.type.kind == TypeKind::kVoid && p.type.pointer_depth == 1 && a.HasDirection() &&
        !a.has_size && !a.has_count) {
      Error(p.location,
            parent + ": " + Quote(p.name) + " points to void; give its size in bytes with size=");
    }
    if (a.isary && (a.has_size || a.has_count)) {
      Error(p.location, parent + ": " + Quote(p.name) +
                            " is [isary]: its array type gives its size, not size= or count=");
    }
    if (p.type.IsPointer() && p.type.is_const && a.out) {
      Error(p.location, parent + ": " + Quote(p.name) + " points to const and cannot be [out]");
    }
    const UserType* deep = DeepCopyStruct(p.type);
    if (deep != nullptr && !p.type.IsPointer() && p.dimensions.empty()) {
      Error(p.location, "the structure declaration " + Quote(deep->name) +
                            " specifies a deep copy is expected. Referenced by value in "
                            "function " +
                            Quote(f.name) + " detected.");
    }
  }
}

void Checker::CheckDeclarations(const std::string& parent, const std::vector<Declaration>& decls,
                                bool in_function) {
  std::set<std::string> names;
  for (const Declaration& decl : decls) {
    if (!names.insert(decl.name).second) {
      Error(decl.location,
            parent + ": duplicate " + (in_function ? "parameter " : "member ") + Quote(decl.name));
    }
    CheckTypeDefined(decl.type, decl.location);
    CheckAttributes(decl, in_function);
    const Attributes& a = decl.attributes;
    if (a.has_size && a.has_count) {
      Error(decl.location, parent + ": simultaneous `size' and `count' on " + Quote(decl.name) +
                               " are not supported");
    }
    if (a.has_size && a.size.IsIdentifier()) CheckSizeCountReference(a.size, decls);
    if (a.has_count && a.count.IsIdentifier()) CheckSizeCountReference(a.count, decls);
  }
}

void Checker::CheckAttributes(const Declaration& decl, bool in_function) {
  for (const Attribute& attribute : decl.attributes.written) {
    if (!CheckAttribute(decl, attribute, in_function)) {
      bad_attributes_.insert(&decl);
      return;
    }
  }
}

bool Checker::CheckPlainType(const Declaration& decl, const Attribute& attribute) {
  const Attributes& a = decl.attributes;
  if (decl.type.IsPointer() || a.isptr || !decl.dimensions.empty() || a.isary) return true;
  if (decl.type.kind == TypeKind::kForeign && !decl.type.is_const) {
    Error(attribute.location, Quote(AttributeName(attribute.kind)) + " is invalid for plain type " +
                                  Quote(TypeToString(decl.type)));
  } else {
    Error(attribute.location,
          "unexpected pointer attributes for " + Quote(TypeToString(decl.type)));
  }
  return false;
}

bool Checker::CheckAttribute(const Declaration& decl, const Attribute& attribute,
                             bool in_function) {
  const Attributes& a = decl.attributes;
  const Type& type = decl.type;
  const Location& at = attribute.location;
  if (!in_function && attribute.kind != AttributeKind::kCount &&
      attribute.kind != AttributeKind::kSize) {
    Error(at, "only `count' and `size' attributes can be specified for struct properties");
    return false;
  }
  switch (attribute.kind) {
    case AttributeKind::kString:
    case AttributeKind::kWstring: {
      if (a.out && !a.in) {
        Error(at, "string/wstring attribute should be used with an `in' attribute");
        return false;
      }
      if (!a.in) {
        Error(at, "string/wstring attributes must be used with pointer direction");
        return false;
      }
      if (a.has_size || a.has_count) {
        Error(at, "size attributes are mutually exclusive with (w)string attribute");
        return false;
      }
      if (a.string && a.wstring) {
        Error(at, "`string' and `wstring' are mutually exclusive");
        return false;
      }
      bool is_string = attribute.kind == AttributeKind::kString;
      TypeKind want = is_string ? TypeKind::kChar : TypeKind::kWchar;
      if (type.pointer_depth != 1 || type.kind != want || type.is_unsigned) {
        Error(at, std::string("invalid `") + (is_string ? "string" : "wstring") + "' attribute - " +
                      Quote(decl.name) + " is not " + (is_string ? "char" : "wchar_t") +
                      " pointer");
        return false;
      }
      return true;
    }
    case AttributeKind::kIsPtr:
    case AttributeKind::kIsAry: {
      std::string name = Quote(AttributeName(attribute.kind));
      if (a.isptr && a.isary) {
        Error(at, "`isary' cannot be used with `isptr' together");
        return false;
      }
      if (!a.HasDirection() && !a.user_check) {
        Error(at, name + " should have direction attribute or `user_check'");
        return false;
      }
      if (type.kind != TypeKind::kForeign || type.IsPointer() || type.is_const) {
        Error(at, name + " attribute is only valid for user defined type, not for " +
                      Quote(TypeToString(type)));
        return false;
      }
      if (attribute.kind == AttributeKind::kIsPtr && !decl.dimensions.empty()) {
        Error(at, "invalid parameter - " + Quote(decl.name) + " is a pointer array");
        return false;
      }
      return true;
    }
    case AttributeKind::kCount:
    case AttributeKind::kSize:
      if (in_function && !a.HasDirection()) {
        Error(at, "size/count attributes must be used with pointer direction");
        return false;
      }
      return CheckPlainType(decl, attribute);
    case AttributeKind::kIn:
    case AttributeKind::kOut: {
      if (!CheckPlainType(decl, attribute)) return false;
      if (type.IsPointer()) {
        const UserType* deep = DeepCopyStruct(type);
        if (deep != nullptr && a.has_size) {
          Error(at, "size attributes are invalid for the pointer of an user-defined type " +
                        Quote(deep->name));
          return false;
        }
        if (!decl.dimensions.empty()) {
          Error(at, "invalid parameter - " + Quote(decl.name) + " is a pointer array");
          return false;
        }
      }
      return true;
    }
    case AttributeKind::kUserCheck:
      if (a.HasDirection()) {
        Error(at, "pointer direction and `user_check' are mutually exclusive");
        return false;
      }
      if (!a.isptr && !a.isary && decl.dimensions.empty() && !type.IsPointer()) {
        Error(at, "`user_check' attribute is invalid for plain type " + Quote(TypeToString(type)));
        return false;
      }
      return true;
  }
  return true;
}

void Checker::CheckSizeCountReference(const Extent& extent, const std::vector<Declaration>& decls) {
  const Declaration* target = nullptr;
  for (const Declaration& d : decls) {
    if (d.name == extent.identifier) target = &d;
  }
  if (target == nullptr) {
    Error(extent.location, "could not find declaration for " + Quote(extent.identifier) + ".");
    return;
  }
  const Type& t = target->type;
  bool integer = !t.IsPointer() && target->dimensions.empty();
  switch (t.kind) {
    case TypeKind::kVoid:
    case TypeKind::kFloat:
    case TypeKind::kDouble:
    case TypeKind::kLongDouble:
    case TypeKind::kStruct:
    case TypeKind::kUnion:
      integer = false;
      break;
    case TypeKind::kForeign: {
      const UserType* user = edl_.FindType(t.name);
      if (user != nullptr && user->kind != UserTypeKind::kEnum) integer = false;
      break;
    }
    default:
      break;
  }
  if (!integer) Error(extent.location, "size/count has invalid type.");
}

void Checker::CheckTypeDefined(const Type& type, const Location& location) {
  UserTypeKind want;
  switch (type.kind) {
    case TypeKind::kEnum:
      want = UserTypeKind::kEnum;
      break;
    case TypeKind::kStruct:
      want = UserTypeKind::kStruct;
      break;
    case TypeKind::kUnion:
      want = UserTypeKind::kUnion;
      break;
    default:
      return;
  }
  static constexpr const char* kKindNames[] = {"enum", "struct", "union"};
  const char* want_name = kKindNames[static_cast<int>(want)];
  const UserType* user = edl_.FindType(type.name);
  if (user == nullptr) {
    Error(location, "undefined type " + Quote(std::string(want_name) + " " + type.name));
  } else if (user->kind != want) {
    Error(location,
          Quote(type.name) + " is not " + (want == UserTypeKind::kEnum ? "an " : "a ") + want_name);
  }
}

const UserType* Checker::DeepCopyStruct(const Type& type) const {
  if (type.kind != TypeKind::kStruct && type.kind != TypeKind::kForeign) return nullptr;
  const UserType* user = edl_.FindType(type.name);
  return user != nullptr && user->IsDeepCopy() ? user : nullptr;
}

bool Checker::DeepCopyReaches(const UserType& type, const UserType& target,
                              std::set<const UserType*>* seen) const {
  if (!seen->insert(&type).second) return false;
  for (const Declaration& field : type.fields) {
    const Attributes& a = field.attributes;
    if (!(a.has_size || a.has_count) || field.type.pointer_depth != 1) continue;
    const UserType* element = DeepCopyStruct(field.type);
    if (element == nullptr) continue;
    if (element == &target || DeepCopyReaches(*element, target, seen)) return true;
  }
  return false;
}

}  // namespace

void CheckEdl(const Edl& edl, Diagnostics* diagnostics) { Checker(edl, diagnostics).Run(); }

}  // namespace confidant::edl
