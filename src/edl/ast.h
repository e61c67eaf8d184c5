// The checked syntax tree of an EDL file (docs/edl.md): plain structs, filled by the parser
// (parser.h) and validated by the checker (checker.h). An Edl holds its own declarations plus
// everything its imports brought in, so a code generator needs nothing else.
//
// Thread-safety: plain values.

#ifndef CONFIDANT_EDL_AST_H_
#define CONFIDANT_EDL_AST_H_

#include <cstdint>
#include <string>
#include <vector>

namespace confidant::edl {

// A 1-based position in an EDL file, as printed in diagnostics ("a.edl:3:7").
struct Location {
  std::string file;
  int line = 0;
  int column = 0;
};

enum class TypeKind {
  kVoid,
  kBool,
  kChar,
  kShort,
  kInt,
  kLong,
  kLongLong,
  kFloat,
  kDouble,
  kLongDouble,
  kWchar,
  kSizeT,
  kInt8,
  kInt16,
  kInt32,
  kInt64,
  kUInt8,
  kUInt16,
  kUInt32,
  kUInt64,
  kEnum,     // enum <name>
  kStruct,   // struct <name>
  kUnion,    // union <name>
  kForeign,  // a bare identifier: an EDL-defined type or one from an included C header
};

// `[const] base [*...]`. EDL has no const after `*`, so const qualifies the base type.
struct Type {
  TypeKind kind = TypeKind::kInt;
  bool is_const = false;
  bool is_unsigned = false;  // only with kChar, kShort, kInt, kLong, kLongLong
  std::string name;          // kEnum, kStruct, kUnion, kForeign
  int pointer_depth = 0;

  bool IsPointer() const { return pointer_depth > 0; }
};

// C spelling of `type` as written in diagnostics and generated code: "const unsigned char*".
std::string TypeToString(const Type& type);

// `size=`, `count=` and array extents: a decimal integer or the name of a parameter/member.
struct Extent {
  std::string identifier;  // empty for a number
  uint64_t value = 0;
  Location location;

  bool IsIdentifier() const { return !identifier.empty(); }
  std::string ToString() const { return IsIdentifier() ? identifier : std::to_string(value); }
};

enum class AttributeKind {
  kIn,
  kOut,
  kString,
  kWstring,
  kIsPtr,
  kIsAry,
  kUserCheck,
  kCount,
  kSize,
};

// One attribute as written, in source order (the checker reports at its location).
struct Attribute {
  AttributeKind kind = AttributeKind::kIn;
  Location location;
  Extent value;  // kCount, kSize
};

// The attribute list `[in, out, size=n]` of one declaration; `written` keeps each attribute.
struct Attributes {
  bool present = false;  // a `[...]` list was written (it may be empty only after errors)
  bool in = false;
  bool out = false;
  bool string = false;
  bool wstring = false;
  bool isptr = false;
  bool isary = false;
  bool user_check = false;
  bool has_count = false;
  bool has_size = false;
  Extent count;
  Extent size;
  std::vector<Attribute> written;

  bool HasDirection() const { return in || out; }
};

// A parameter or struct/union member: `[attrs] type name [dims]`.
struct Declaration {
  Attributes attributes;
  Type type;
  std::string name;
  std::vector<Extent> dimensions;
  Location location;  // of the name
};

struct EnumItem {
  std::string name;
  bool has_value = false;
  Extent value;  // a decimal integer or another enumerator's name
  Location location;
};

enum class UserTypeKind { kEnum, kStruct, kUnion };

struct UserType {
  UserTypeKind kind = UserTypeKind::kStruct;
  std::string name;                 // empty for an anonymous enum
  std::vector<EnumItem> items;      // kEnum
  std::vector<Declaration> fields;  // kStruct, kUnion
  Location location;                // of the name (of `enum` when anonymous)

  // A struct with a `size=`/`count=` member: passed by pointer and copied deeply.
  bool IsDeepCopy() const;
};

struct Function {
  std::string name;
  Type return_type;
  std::vector<Declaration> parameters;
  bool trusted = false;  // an ECALL (trusted section) or an OCALL (untrusted)
  bool is_public = false;
  bool switchless = false;       // transition_using_threads
  bool propagate_errno = false;  // untrusted only
  bool has_allow = false;
  std::vector<std::string> allow;  // allow(a, b): parsed, then rejected or ignored
  Location allow_location;
  Location location;  // of the name
};

// `import "x.edl"` (all functions) or `from "x.edl" import *|a, b;`.
struct Import {
  std::string file;                    // as written
  std::string resolved_path;           // the file that was read
  bool all = true;                     // `import "x"` or `from "x" import *`
  std::vector<std::string> functions;  // the named ones otherwise
  std::vector<Location> function_locations;
  Location location;
};

struct Edl {
  std::string name;                   // the file's base name without ".edl"
  std::string path;                   // as opened
  std::vector<std::string> includes;  // header names, this file's and its imports', deduplicated
  std::vector<Import> imports;        // this file's own
  std::vector<UserType> types;        // in order of appearance; an import's at the import
  std::vector<Function> trusted;      // this file's, then the imported ones
  std::vector<Function> untrusted;

  const UserType* FindType(const std::string& type_name) const;
};

}  // namespace confidant::edl

#endif  // CONFIDANT_EDL_AST_H_
