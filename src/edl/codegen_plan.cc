#include "edl/codegen_plan.h"

#include <set>
#include <string_view>

namespace confidant::edl::codegen {
namespace {

// C++20 keywords and alternative tokens, and the names generated code relies on.
const std::set<std::string_view>& ReservedNames() {
  static const std::set<std::string_view> kNames = {
      "alignas",       "alignof",     "and",
      "and_eq",        "asm",         "auto",
      "bitand",        "bitor",       "bool",
      "break",         "case",        "catch",
      "char",          "char8_t",     "char16_t",
      "char32_t",      "class",       "compl",
      "concept",       "const",       "consteval",
      "constexpr",     "constinit",   "const_cast",
      "continue",      "co_await",    "co_return",
      "co_yield",      "decltype",    "default",
      "delete",        "do",          "double",
      "dynamic_cast",  "else",        "enum",
      "explicit",      "export",      "extern",
      "false",         "float",       "for",
      "friend",        "goto",        "if",
      "inline",        "int",         "long",
      "mutable",       "namespace",   "new",
      "noexcept",      "not",         "not_eq",
      "nullptr",       "operator",    "or",
      "or_eq",         "private",     "protected",
      "public",        "register",    "reinterpret_cast",
      "requires",      "return",      "short",
      "signed",        "sizeof",      "static",
      "static_assert", "static_cast", "struct",
      "switch",        "template",    "this",
      "thread_local",  "throw",       "true",
      "try",           "typedef",     "typeid",
      "typename",      "union",       "unsigned",
      "using",         "virtual",     "void",
      "volatile",      "wchar_t",     "while",
      "xor",           "xor_eq",      "std",
      "confidant",     "errno",       "enclave",
      "_retval",
  };
  return kNames;
}

class Planner {
 public:
  Planner(const Edl& edl, Diagnostics* diagnostics) : edl_(edl), diagnostics_(diagnostics) {}

  Plan Run();

 private:
  void CheckName(const std::string& name, const Location& location);
  // The EDL struct a type names (`struct s` or a bare `s`), if any.
  const UserType* StructOf(const Type& type) const;
  ValuePlan PlanValue(const Type& type) const;
  ElementKind KindOfElement(const Type& element) const;
  void PlanExtent(const Attributes& attributes, BufferPlan* buffer) const;
  StructPlan PlanStruct(const UserType& type);
  FunctionPlan PlanFunction(const Function& function, bool ecall, uint32_t id);
  ParamPlan PlanParam(const Declaration& decl);

  const Edl& edl_;
  Diagnostics* diagnostics_;
};

Type WithoutConst(Type type) {
  type.is_const = false;
  return type;
}

// The type a pointer points to; const dropped where it qualified that type itself.
Type Pointee(const Type& type) {
  Type element = type;
  --element.pointer_depth;
  if (element.pointer_depth == 0) element.is_const = false;
  return element;
}

std::string Dimensions(const Declaration& decl) {
  std::string text;
  for (const Extent& d : decl.dimensions) text += "[" + d.ToString() + "]";
  return text;
}

std::string Literal(uint64_t value) { return std::to_string(value) + "ull"; }

Plan Planner::Run() {
  Plan plan;
  for (const UserType& type : edl_.types) {
    CheckName(type.name, type.location);
    for (const EnumItem& item : type.items) CheckName(item.name, item.location);
    if (type.kind == UserTypeKind::kStruct) plan.structs.push_back(PlanStruct(type));
    for (const Declaration& field : type.fields) CheckName(field.name, field.location);
  }
  for (size_t i = 0; i < edl_.trusted.size(); ++i) {
    plan.ecalls.push_back(PlanFunction(edl_.trusted[i], true, static_cast<uint32_t>(i)));
  }
  for (size_t i = 0; i < edl_.untrusted.size(); ++i) {
    plan.ocalls.push_back(PlanFunction(edl_.untrusted[i], false, static_cast<uint32_t>(i)));
  }
  return plan;
}

void Planner::CheckName(const std::string& name, const Location& location) {
  if (name.empty()) return;
  if (ReservedNames().count(name) > 0) {
    diagnostics_->Error(location, "`" + name + "' cannot be used as a name in generated C++");
  } else if (name.rfind("_e8_", 0) == 0) {
    diagnostics_->Error(location, "`" + name +
                                      "': names starting with `_e8_' are reserved for "
                                      "generated code");
  }
}

const UserType* Planner::StructOf(const Type& type) const {
  if (type.kind != TypeKind::kStruct && type.kind != TypeKind::kForeign) return nullptr;
  const UserType* user = edl_.FindType(type.name);
  return user != nullptr && user->kind == UserTypeKind::kStruct ? user : nullptr;
}

ValuePlan Planner::PlanValue(const Type& type) const {
  ValuePlan value;
  value.type = TypeToString(type.IsPointer() ? type : WithoutConst(type));
  if (type.IsPointer()) {
    value.kind = ValueKind::kPointer;
  } else if (type.kind == TypeKind::kBool) {
    value.kind = ValueKind::kBool;
  } else if (const UserType* user = StructOf(type); user != nullptr) {
    value.kind = ValueKind::kStruct;
    value.user = user;
  }
  return value;
}

ElementKind Planner::KindOfElement(const Type& element) const {
  if (element.IsPointer()) return ElementKind::kRaw;
  if (element.kind == TypeKind::kBool) return ElementKind::kBool;
  const UserType* user = StructOf(element);
  if (user == nullptr) return ElementKind::kRaw;
  return user->IsDeepCopy() ? ElementKind::kDeep : ElementKind::kStruct;
}

void Planner::PlanExtent(const Attributes& a, BufferPlan* buffer) const {
  const Extent* extent = nullptr;
  if (a.has_size) {
    buffer->extent_kind = ExtentKind::kSize;
    extent = &a.size;
  } else if (a.has_count) {
    buffer->extent_kind = ExtentKind::kCount;
    extent = &a.count;
  }
  if (extent == nullptr) {
    buffer->extent_kind = ExtentKind::kCount;
    buffer->extent = Literal(1);
  } else if (extent->IsIdentifier()) {
    buffer->extent = extent->identifier;
    buffer->extent_is_name = true;
  } else {
    buffer->extent = Literal(extent->value);
  }
}

StructPlan Planner::PlanStruct(const UserType& type) {
  StructPlan plan;
  plan.type = &type;
  plan.deep = type.IsDeepCopy();
  std::set<std::string> shape_names;
  for (const Declaration& field : type.fields) {
    const Attributes& a = field.attributes;
    if (a.has_size && a.size.IsIdentifier()) shape_names.insert(a.size.identifier);
    if (a.has_count && a.count.IsIdentifier()) shape_names.insert(a.count.identifier);
  }
  for (const Declaration& field : type.fields) {
    MemberPlan member;
    member.decl = &field;
    const Attributes& a = field.attributes;
    if (a.has_size || a.has_count) {
      member.role = MemberRole::kDeep;
      Type element = Pointee(field.type);
      member.buffer.element = TypeToString(element);
      member.buffer.kind = KindOfElement(element);
      member.buffer.user = StructOf(element);
      PlanExtent(a, &member.buffer);
      member.buffer.in = true;
      member.buffer.out = !(field.type.pointer_depth == 1 && field.type.is_const);
    } else {
      member.role = shape_names.count(field.name) > 0 ? MemberRole::kShape : MemberRole::kPlain;
      member.value = PlanValue(field.type);
    }
    plan.members.push_back(std::move(member));
  }
  return plan;
}

FunctionPlan Planner::PlanFunction(const Function& function, bool ecall, uint32_t id) {
  CheckName(function.name, function.location);
  FunctionPlan plan;
  plan.function = &function;
  plan.ecall = ecall;
  plan.id = id;
  plan.call = std::string(ecall ? "ecall " : "ocall ") + function.name;
  if (function.return_type.kind != TypeKind::kVoid || function.return_type.IsPointer()) {
    plan.result = PlanValue(function.return_type);
  }
  for (const Declaration& decl : function.parameters) {
    CheckName(decl.name, decl.location);
    ParamPlan param = PlanParam(decl);
    plan.has_deep |= param.kind == ParamKind::kBuffer && param.buffer.kind == ElementKind::kDeep;
    plan.has_pointer |= param.kind == ParamKind::kBuffer || param.kind == ParamKind::kString;
    plan.params.push_back(std::move(param));
  }
  return plan;
}

ParamPlan Planner::PlanParam(const Declaration& decl) {
  ParamPlan param;
  param.decl = &decl;
  const Attributes& a = decl.attributes;
  const Type& type = decl.type;
  param.in = a.in;
  param.out = a.out;
  std::string dims = Dimensions(decl);

  if (a.user_check) {
    param.kind = ParamKind::kUserCheck;
    if (a.isary) {
      param.local_type = "std::decay_t<" + type.name + ">";
    } else if (!dims.empty()) {
      param.local_type = "std::decay_t<" + TypeToString(type) + dims + ">";
    } else {
      param.local_type = TypeToString(type);
    }
    return param;
  }
  if (a.string || a.wstring) {
    param.kind = ParamKind::kString;
    param.character = TypeToString(Pointee(type));
    param.local_type = param.character + "*";
    return param;
  }
  if (!a.HasDirection()) {
    param.kind = ParamKind::kValue;
    param.value = PlanValue(type);
    param.local_type = param.value.type;
    return param;
  }

  param.kind = ParamKind::kBuffer;
  BufferPlan& buffer = param.buffer;
  buffer.in = a.in;
  buffer.out = a.out;
  if (a.isptr) {
    buffer.element = "std::remove_cv_t<std::remove_pointer_t<" + type.name + ">>";
    param.local_type = type.name;
    PlanExtent(a, &buffer);
  } else if (a.isary) {
    buffer.element = "std::remove_cv_t<std::remove_all_extents_t<" + type.name + ">>";
    param.local_type = "std::decay_t<" + type.name + ">";
    buffer.extent_kind = ExtentKind::kArray;
    buffer.extent = "sizeof(" + type.name + ")";
  } else if (!dims.empty()) {
    Type element = WithoutConst(type);
    buffer.element = TypeToString(element);
    buffer.kind = KindOfElement(element);
    buffer.user = StructOf(element);
    param.local_type = "std::decay_t<" + buffer.element + dims + ">";
    buffer.extent_kind = ExtentKind::kArray;
    buffer.extent = "sizeof(" + buffer.element + dims + ")";
    param.flat = decl.dimensions.size() > 1;
  } else {
    Type element = Pointee(type);
    buffer.element = TypeToString(element);
    buffer.kind = KindOfElement(element);
    buffer.user = StructOf(element);
    param.local_type = buffer.element + "*";
    PlanExtent(a, &buffer);
  }
  return param;
}

}  // namespace

Plan MakePlan(const Edl& edl, Diagnostics* diagnostics) { return Planner(edl, diagnostics).Run(); }

std::string DeclarationText(const Declaration& decl) {
  return TypeToString(decl.type) + " " + decl.name + Dimensions(decl);
}

}  // namespace confidant::edl::codegen
