#include "edl/parser.h"

#include <array>
#include <deque>
#include <optional>
#include <utility>

#include "edl/lexer.h"

namespace confidant::edl {
namespace {

struct NamedType {
  const char* name;
  TypeKind kind;
};

constexpr std::array<NamedType, 14> kBuiltinTypes = {{
    {"bool", TypeKind::kBool},
    {"void", TypeKind::kVoid},
    {"wchar_t", TypeKind::kWchar},
    {"size_t", TypeKind::kSizeT},
    {"int8_t", TypeKind::kInt8},
    {"int16_t", TypeKind::kInt16},
    {"int32_t", TypeKind::kInt32},
    {"int64_t", TypeKind::kInt64},
    {"uint8_t", TypeKind::kUInt8},
    {"uint16_t", TypeKind::kUInt16},
    {"uint32_t", TypeKind::kUInt32},
    {"uint64_t", TypeKind::kUInt64},
    {"float", TypeKind::kFloat},
    {"double", TypeKind::kDouble},
}};

struct NamedAttribute {
  const char* name;
  AttributeKind kind;
};

constexpr std::array<NamedAttribute, 9> kAttributes = {{
    {"in", AttributeKind::kIn},
    {"out", AttributeKind::kOut},
    {"string", AttributeKind::kString},
    {"wstring", AttributeKind::kWstring},
    {"isptr", AttributeKind::kIsPtr},
    {"isary", AttributeKind::kIsAry},
    {"user_check", AttributeKind::kUserCheck},
    {"count", AttributeKind::kCount},
    {"size", AttributeKind::kSize},
}};

// An open #ifdef/#ifndef.
struct Conditional {
  bool parent_active;
  bool condition;
  bool in_else;
  Location location;

  bool Active() const { return parent_active && (in_else ? !condition : condition); }
};

class Parser {
 public:
  Parser(std::string_view text, const std::string& file, const std::set<std::string>& defines,
         Diagnostics* diagnostics, ParsedFile* out)
      : lexer_(text, file, diagnostics), defines_(defines), diagnostics_(diagnostics), out_(out) {}

  bool ParseFile();

 private:
  // Token stream after preprocessing, with two tokens of lookahead.
  const Token& Peek(size_t ahead = 0);
  Token Next();
  Token Fetch();
  bool Directive(const Token& hash);
  bool Active() const { return conditionals_.empty() || conditionals_.back().Active(); }

  // Reports a syntax error at `token` unless the lexer already did; returns false.
  bool SyntaxError(const Token& token, const std::string& expected);
  bool Expect(char punct);
  bool ExpectWord(std::string_view word);

  bool ParseItem();
  bool ParseInclude();
  bool ParseImport(bool from);
  bool ParseEnum(const Token& keyword);
  bool ParseStructOrUnion(bool is_struct);
  bool ParseSection(bool trusted);
  bool ParseFunction(bool trusted, bool is_public);
  bool ParseAllow(Function* function);
  bool ParseSuffixes(bool trusted, Function* function);
  bool ParseDeclaration(Declaration* decl);
  bool ParseAttributes(Attributes* attributes);
  bool ParseExtent(Extent* extent, const std::string& expected);
  bool ParseType(Type* type);
  bool ParseBaseType(Type* type);

  Lexer lexer_;
  const std::set<std::string>& defines_;
  Diagnostics* diagnostics_;
  ParsedFile* out_;
  std::deque<Token> lookahead_;
  std::vector<Conditional> conditionals_;
};

const Token& Parser::Peek(size_t ahead) {
  while (lookahead_.size() <= ahead) lookahead_.push_back(Fetch());
  return lookahead_[ahead];
}

Token Parser::Next() {
  Peek();
  Token t = std::move(lookahead_.front());
  lookahead_.pop_front();
  return t;
}

Token Parser::Fetch() {
  for (;;) {
    Token t = lexer_.Next();
    if (t.kind == TokenKind::kError) return t;
    if (t.kind == TokenKind::kEof) {
      if (conditionals_.empty()) return t;
      diagnostics_->Error(conditionals_.back().location, "unterminated #ifdef or #ifndef");
      conditionals_.clear();
      return {TokenKind::kError, "", 0, t.location};
    }
    if (t.Is('#')) {
      if (!Directive(t)) return {TokenKind::kError, "", 0, t.location};
      continue;
    }
    if (Active()) return t;
  }
}

bool Parser::Directive(const Token& hash) {
  Token name = lexer_.Next();
  if (name.kind == TokenKind::kError) return false;
  if (name.IsWord("ifdef") || name.IsWord("ifndef")) {
    Token macro = lexer_.Next();
    if (macro.kind == TokenKind::kError) return false;
    if (macro.kind != TokenKind::kIdentifier) {
      diagnostics_->Error(macro.location,
                          "expecting macro name after #" + name.text + ", got " + macro.Describe());
      return false;
    }
    bool defined = defines_.count(macro.text) > 0;
    conditionals_.push_back(
        {Active(), name.text == "ifdef" ? defined : !defined, false, hash.location});
    return true;
  }
  if (name.IsWord("else")) {
    if (conditionals_.empty() || conditionals_.back().in_else) {
      diagnostics_->Error(hash.location, "no previous #ifdef or #ifndef");
      return false;
    }
    conditionals_.back().in_else = true;
    return true;
  }
  if (name.IsWord("endif")) {
    if (conditionals_.empty()) {
      diagnostics_->Error(hash.location, "no previous #ifdef, #ifndef, or #else");
      return false;
    }
    conditionals_.pop_back();
    return true;
  }
  diagnostics_->Error(name.location, "unsupported directive " + name.Describe());
  return false;
}

bool Parser::SyntaxError(const Token& token, const std::string& expected) {
  if (token.kind != TokenKind::kError) {
    diagnostics_->Error(token.location, "expecting " + expected + ", got " + token.Describe());
  }
  return false;
}

bool Parser::Expect(char punct) {
  Token t = Next();
  if (t.Is(punct)) return true;
  return SyntaxError(t, std::string("`") + punct + "'");
}

bool Parser::ExpectWord(std::string_view word) {
  Token t = Next();
  if (t.IsWord(word)) return true;
  return SyntaxError(t, "`" + std::string(word) + "'");
}

bool Parser::ParseFile() {
  if (!ExpectWord("enclave") || !Expect('{')) return false;
  while (!Peek().Is('}')) {
    if (!ParseItem()) return false;
  }
  Next();
  if (Peek().Is(';')) Next();
  Token end = Next();
  if (end.kind != TokenKind::kEof) return SyntaxError(end, "end of file");
  return true;
}

bool Parser::ParseItem() {
  Token t = Next();
  if (t.IsWord("trusted")) return ParseSection(true);
  if (t.IsWord("untrusted")) return ParseSection(false);
  if (t.IsWord("include")) return ParseInclude();
  if (t.IsWord("import")) return ParseImport(false);
  if (t.IsWord("from")) return ParseImport(true);
  if (t.IsWord("enum")) return ParseEnum(t);
  if (t.IsWord("struct")) return ParseStructOrUnion(true);
  if (t.IsWord("union")) return ParseStructOrUnion(false);
  return SyntaxError(t, "trusted, untrusted, include, import, from, enum, struct, union or `}'");
}

bool Parser::ParseInclude() {
  Token t = Next();
  if (t.kind != TokenKind::kString) return SyntaxError(t, "header filename");
  for (const std::string& include : out_->includes) {
    if (include == t.text) return true;
  }
  out_->includes.push_back(t.text);
  return true;
}

bool Parser::ParseImport(bool from) {
  Token file = Next();
  if (file.kind != TokenKind::kString) return SyntaxError(file, "edl filename");
  Import import;
  import.file = file.text;
  import.location = file.location;
  if (from) {
    if (!ExpectWord("import")) return false;
    if (Peek().Is('*')) {
      Next();
    } else {
      import.all = false;
      for (;;) {
        Token name = Next();
        if (name.kind != TokenKind::kIdentifier) return SyntaxError(name, "function name");
        import.functions.push_back(name.text);
        import.function_locations.push_back(name.location);
        if (!Peek().Is(',')) break;
        Next();
      }
    }
    if (!Expect(';')) return false;
  }
  out_->imports.push_back(std::move(import));
  out_->types_before_import.push_back(out_->types.size());
  return true;
}

bool Parser::ParseEnum(const Token& keyword) {
  UserType type;
  type.kind = UserTypeKind::kEnum;
  type.location = keyword.location;
  if (Peek().kind == TokenKind::kIdentifier) {
    Token name = Next();
    type.name = name.text;
    type.location = name.location;
  }
  if (!Expect('{')) return false;
  while (!Peek().Is('}')) {
    Token name = Next();
    if (name.kind != TokenKind::kIdentifier) return SyntaxError(name, "enumerator name");
    EnumItem item;
    item.name = name.text;
    item.location = name.location;
    if (Peek().Is('=')) {
      Next();
      item.has_value = true;
      if (!ParseExtent(&item.value, "enum value")) return false;
    }
    type.items.push_back(std::move(item));
    if (!Peek().Is('}') && !Expect(',')) return false;
  }
  Next();
  out_->types.push_back(std::move(type));
  return Expect(';');
}

bool Parser::ParseStructOrUnion(bool is_struct) {
  Token name = Next();
  if (name.kind != TokenKind::kIdentifier) return SyntaxError(name, "struct/union name");
  UserType type;
  type.kind = is_struct ? UserTypeKind::kStruct : UserTypeKind::kUnion;
  type.name = name.text;
  type.location = name.location;
  if (!Expect('{')) return false;
  while (!Peek().Is('}')) {
    Declaration field;
    if (!ParseDeclaration(&field)) return false;
    type.fields.push_back(std::move(field));
    if (!Peek().Is('}') && !Expect(';')) return false;
  }
  Next();
  out_->types.push_back(std::move(type));
  return Expect(';');
}

bool Parser::ParseSection(bool trusted) {
  if (!Expect('{')) return false;
  while (!Peek().Is('}')) {
    bool is_public = false;
    if (trusted && Peek().IsWord("public")) {
      Next();
      is_public = true;
    }
    if (!ParseFunction(trusted, is_public)) return false;
  }
  Next();
  return Expect(';');
}

bool Parser::ParseFunction(bool trusted, bool is_public) {
  Function function;
  function.trusted = trusted;
  function.is_public = is_public;
  if (!ParseType(&function.return_type)) return false;
  Token name = Next();
  if (name.kind != TokenKind::kIdentifier) return SyntaxError(name, "function name");
  function.name = name.text;
  function.location = name.location;
  if (!Expect('(')) return false;
  if (Peek().IsWord("void") && Peek(1).Is(')')) Next();
  while (!Peek().Is(')')) {
    Declaration parameter;
    if (!ParseDeclaration(&parameter)) return false;
    function.parameters.push_back(std::move(parameter));
    if (!Peek().Is(')') && !Expect(',')) return false;
  }
  Next();
  if (!ParseAllow(&function) || !ParseSuffixes(trusted, &function) || !Expect(';')) return false;
  (trusted ? out_->trusted : out_->untrusted).push_back(std::move(function));
  return true;
}

bool Parser::ParseAllow(Function* function) {
  if (!Peek().IsWord("allow")) return true;
  function->has_allow = true;
  function->allow_location = Next().location;
  if (!Expect('(')) return false;
  while (!Peek().Is(')')) {
    Token name = Next();
    if (name.kind != TokenKind::kIdentifier) return SyntaxError(name, "function name");
    function->allow.push_back(name.text);
    if (!Peek().Is(')') && !Expect(',')) return false;
  }
  Next();
  return true;
}

bool Parser::ParseSuffixes(bool trusted, Function* function) {
  for (;;) {
    const Token& t = Peek();
    bool* flag = nullptr;
    if (t.IsWord("transition_using_threads")) flag = &function->switchless;
    if (t.IsWord("propagate_errno")) flag = &function->propagate_errno;
    if (flag == nullptr) return true;
    Token suffix = Next();
    if (*flag) {
      diagnostics_->Error(suffix.location, "duplicated " + suffix.Describe());
    } else if (trusted && flag == &function->propagate_errno) {
      diagnostics_->Error(suffix.location,
                          "`propagate_errno' is only valid for untrusted functions (OCALLs)");
    }
    *flag = true;
  }
}

bool Parser::ParseDeclaration(Declaration* decl) {
  if (Peek().Is('[') && !ParseAttributes(&decl->attributes)) return false;
  if (!ParseType(&decl->type)) return false;
  Token name = Next();
  if (name.kind != TokenKind::kIdentifier) return SyntaxError(name, "identifier");
  decl->name = name.text;
  decl->location = name.location;
  while (Peek().Is('[')) {
    Next();
    Extent extent;
    if (!ParseExtent(&extent, "array dimension") || !Expect(']')) return false;
    decl->dimensions.push_back(std::move(extent));
  }
  return true;
}

bool Parser::ParseAttributes(Attributes* attributes) {
  Next();  // [
  attributes->present = true;
  for (;;) {
    Token t = Next();
    if (t.kind != TokenKind::kIdentifier) return SyntaxError(t, "attribute");
    std::optional<AttributeKind> kind;
    for (const NamedAttribute& a : kAttributes) {
      if (t.text == a.name) kind = a.kind;
    }
    Extent value;
    if (!kind.has_value()) {
      if (t.text == "sizefunc") {
        diagnostics_->Error(t.location,
                            "The attribute 'sizefunc' is deprecated. Please use 'size' "
                            "attribute instead.");
      } else {
        diagnostics_->Error(t.location, "unknown attribute: `" + t.text + "'");
      }
      // Skip its value, if any, and go on with the other attributes.
      if (Peek().Is('=')) {
        Next();
        if (!ParseExtent(&value, "integer or identifier")) return false;
      }
    } else if (*kind == AttributeKind::kCount || *kind == AttributeKind::kSize) {
      if (!Expect('=') || !ParseExtent(&value, "integer or identifier")) return false;
    }
    if (kind.has_value()) {
      bool duplicate = false;
      for (const Attribute& seen : attributes->written) duplicate |= seen.kind == *kind;
      if (duplicate) {
        diagnostics_->Error(t.location, "duplicated attribute: `" + t.text + "'");
      } else {
        attributes->written.push_back({*kind, t.location, value});
        switch (*kind) {
          case AttributeKind::kIn:
            attributes->in = true;
            break;
          case AttributeKind::kOut:
            attributes->out = true;
            break;
          case AttributeKind::kString:
            attributes->string = true;
            break;
          case AttributeKind::kWstring:
            attributes->wstring = true;
            break;
          case AttributeKind::kIsPtr:
            attributes->isptr = true;
            break;
          case AttributeKind::kIsAry:
            attributes->isary = true;
            break;
          case AttributeKind::kUserCheck:
            attributes->user_check = true;
            break;
          case AttributeKind::kCount:
            attributes->has_count = true;
            attributes->count = value;
            break;
          case AttributeKind::kSize:
            attributes->has_size = true;
            attributes->size = value;
            break;
        }
      }
    }
    Token separator = Next();
    if (separator.Is(']')) return true;
    if (!separator.Is(',')) return SyntaxError(separator, "`,' or `]'");
  }
}

bool Parser::ParseExtent(Extent* extent, const std::string& expected) {
  Token t = Next();
  extent->location = t.location;
  if (t.kind == TokenKind::kInteger) {
    extent->value = t.value;
    return true;
  }
  if (t.kind == TokenKind::kIdentifier) {
    extent->identifier = t.text;
    return true;
  }
  return SyntaxError(t, expected);
}

bool Parser::ParseType(Type* type) {
  if (Peek().IsWord("const")) {
    Next();
    type->is_const = true;
  }
  if (!ParseBaseType(type)) return false;
  while (Peek().Is('*')) {
    Next();
    ++type->pointer_depth;
  }
  return true;
}

bool Parser::ParseBaseType(Type* type) {
  Token t = Next();
  if (t.IsWord("unsigned")) {
    type->is_unsigned = true;
    type->kind = TypeKind::kInt;
    const Token& p = Peek();
    if (!p.IsWord("char") && !p.IsWord("short") && !p.IsWord("int") && !p.IsWord("long")) {
      return true;
    }
    t = Next();
  }
  if (t.IsWord("long")) {
    type->kind = TypeKind::kLong;
    if (Peek().IsWord("long")) {
      Next();
      type->kind = TypeKind::kLongLong;
    } else if (Peek().IsWord("double")) {
      Token d = Next();
      if (type->is_unsigned) {
        diagnostics_->Error(d.location, "invalid double following unsigned");
        return false;
      }
      type->kind = TypeKind::kLongDouble;
      return true;
    }
    if (Peek().IsWord("int")) Next();
    return true;
  }
  if (t.IsWord("short") || t.IsWord("char")) {
    type->kind = t.text == "short" ? TypeKind::kShort : TypeKind::kChar;
    if (type->kind == TypeKind::kShort && Peek().IsWord("int")) Next();
    return true;
  }
  if (t.IsWord("int")) {
    type->kind = TypeKind::kInt;
    return true;
  }
  if (t.IsWord("struct") || t.IsWord("enum") || t.IsWord("union")) {
    Token name = Next();
    if (name.kind != TokenKind::kIdentifier) return SyntaxError(name, "struct/enum/union name");
    type->kind = t.text == "struct" ? TypeKind::kStruct
                 : t.text == "enum" ? TypeKind::kEnum
                                    : TypeKind::kUnion;
    type->name = name.text;
    return true;
  }
  for (const NamedType& builtin : kBuiltinTypes) {
    if (t.text == builtin.name && t.kind == TokenKind::kIdentifier) {
      type->kind = builtin.kind;
      return true;
    }
  }
  if (t.kind == TokenKind::kIdentifier) {
    type->kind = TypeKind::kForeign;
    type->name = t.text;
    return true;
  }
  return SyntaxError(t, "typename");
}

}  // namespace

bool ParseEdlSyntax(std::string_view text, const std::string& file,
                    const std::set<std::string>& defines, Diagnostics* diagnostics,
                    ParsedFile* out) {
  return Parser(text, file, defines, diagnostics, out).ParseFile();
}

}  // namespace confidant::edl
