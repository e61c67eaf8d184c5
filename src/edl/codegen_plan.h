// How each value, buffer and struct of a checked EDL crosses the boundary (docs/edl.md,
// "Messages"): the decisions the code generator makes before it writes a line. Both sides are
// generated from one plan, so they encode and decode alike.
//
// Thread-safety: plain values.

#ifndef CONFIDANT_EDL_CODEGEN_PLAN_H_
#define CONFIDANT_EDL_CODEGEN_PLAN_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "edl/ast.h"
#include "edl/diagnostic.h"

namespace confidant::edl::codegen {

// How one value travels: its bytes, one byte for a bool, 64 bits of address, or member by
// member for an EDL struct.
enum class ValueKind { kRaw, kBool, kPointer, kStruct };

struct ValuePlan {
  ValueKind kind = ValueKind::kRaw;
  std::string type;                // C++ type without top-level const: "int32_t", "struct point"
  const UserType* user = nullptr;  // kStruct
};

// How the elements of a buffer travel: as bytes (void and foreign elements too), bytes checked
// to be 0 or 1, one by one as EDL structs, or deep-copied structs.
enum class ElementKind { kRaw, kBool, kStruct, kDeep };

enum class ExtentKind {
  kCount,  // count= (or the default 1): elements
  kSize,   // size=: bytes
  kArray,  // a fixed array or [isary] type: sizeof the whole
};

struct BufferPlan {
  ElementKind kind = ElementKind::kRaw;
  std::string element;             // C++ element type without const; "void" counts bytes
  const UserType* user = nullptr;  // kStruct, kDeep
  ExtentKind extent_kind = ExtentKind::kCount;
  // kCount, kSize: a parameter or member name, or a literal ("1ull"); kArray: "sizeof(...)".
  std::string extent;
  bool extent_is_name = false;
  bool in = false;
  bool out = false;
};

enum class ParamKind {
  kValue,      // by value
  kUserCheck,  // [user_check]: the address
  kString,     // [in, string] / [in, wstring], maybe [out] too
  kBuffer,     // a pointer, array or isptr/isary type with a direction
};

struct ParamPlan {
  const Declaration* decl = nullptr;
  ParamKind kind = ParamKind::kValue;
  std::string local_type;  // the bridge's local variable
  ValuePlan value;         // kValue
  BufferPlan buffer;       // kBuffer
  std::string character;   // kString: "char" or "wchar_t"
  bool in = false;
  bool out = false;
  // Elements are reached through reinterpret_cast<element*> (multi-dimensional arrays).
  bool flat = false;
};

struct FunctionPlan {
  const Function* function = nullptr;
  bool ecall = true;
  uint32_t id = 0;
  std::string call;  // "ecall f", "ocall g": the prefix of every error
  std::optional<ValuePlan> result;
  std::vector<ParamPlan> params;
  bool has_deep = false;     // a deep-copy struct parameter
  bool has_pointer = false;  // a string or buffer parameter
};

enum class MemberRole {
  kPlain,  // copied both ways
  kShape,  // named by a size=/count= of another member: fixed by the caller
  kDeep,   // a size=/count= pointer: its buffer is copied
};

struct MemberPlan {
  const Declaration* decl = nullptr;
  MemberRole role = MemberRole::kPlain;
  ValuePlan value;    // kPlain, kShape (the member may be an array: decl->dimensions)
  BufferPlan buffer;  // kDeep (in and out set when its elements are not const)
};

struct StructPlan {
  const UserType* type = nullptr;
  bool deep = false;
  std::vector<MemberPlan> members;
};

struct Plan {
  std::vector<StructPlan> structs;  // the EDL's structs, in order
  std::vector<FunctionPlan> ecalls;
  std::vector<FunctionPlan> ocalls;
};

// Plans `edl` (a checked tree). Reports what C++ cannot express (identifiers that are C++
// keywords or names the generated code uses) to `diagnostics`.
Plan MakePlan(const Edl& edl, Diagnostics* diagnostics);

// "int32_t x[4][2]": a declaration as written in a prototype or struct.
std::string DeclarationText(const Declaration& decl);

}  // namespace confidant::edl::codegen

#endif  // CONFIDANT_EDL_CODEGEN_PLAN_H_
