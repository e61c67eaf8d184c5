#include "edl/lexer.h"

#include <cstdio>
#include <limits>
#include <utility>

namespace confidant::edl {
namespace {

bool IsIdentifierStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsIdentifierChar(char c) { return IsIdentifierStart(c) || IsDigit(c); }
bool IsPunct(char c) {
  switch (c) {
    case '{':
    case '}':
    case '(':
    case ')':
    case '[':
    case ']':
    case ';':
    case ',':
    case '=':
    case '*':
    case '#':
      return true;
    default:
      return false;
  }
}

std::string DescribeChar(char c) {
  auto byte = static_cast<unsigned char>(c);
  if (byte > 0x20 && byte < 0x7f) return std::string("`") + c + "'";
  char hex[8];
  std::snprintf(hex, sizeof(hex), "0x%02x", byte);
  return hex;
}

}  // namespace

std::string Token::Describe() const {
  switch (kind) {
    case TokenKind::kIdentifier:
      return "`" + text + "'";
    case TokenKind::kInteger:
      return "integer `" + text + "'";
    case TokenKind::kString:
      return "string \"" + text + "\"";
    case TokenKind::kPunct:
      return "`" + text + "'";
    case TokenKind::kEof:
    case TokenKind::kError:
      break;
  }
  return "end of file";
}

Lexer::Lexer(std::string_view text, std::string file, Diagnostics* diagnostics)
    : text_(text), file_(std::move(file)), diagnostics_(diagnostics) {}

void Lexer::Advance() {
  if (text_[pos_] == '\n') {
    ++line_;
    column_ = 1;
  } else {
    ++column_;
  }
  ++pos_;
}

Token Lexer::Fail(const Location& location, std::string message) {
  diagnostics_->Error(location, std::move(message));
  failed_ = true;
  return {TokenKind::kError, "", 0, location};
}

bool Lexer::SkipBlanksAndComments() {
  while (!AtEnd()) {
    char c = Peek();
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      Advance();
    } else if (c == '/' && Peek(1) == '/') {
      while (!AtEnd() && Peek() != '\n') Advance();
    } else if (c == '/' && Peek(1) == '*') {
      Location start = Here();
      Advance();
      Advance();
      while (!AtEnd() && !(Peek() == '*' && Peek(1) == '/')) Advance();
      if (AtEnd()) {
        Fail(start, "unterminated comment");
        return false;
      }
      Advance();
      Advance();
    } else {
      break;
    }
  }
  return true;
}

Token Lexer::Next() {
  if (failed_) return {TokenKind::kError, "", 0, Here()};
  if (!SkipBlanksAndComments()) return {TokenKind::kError, "", 0, Here()};
  Location start = Here();
  if (AtEnd()) return {TokenKind::kEof, "", 0, start};
  char c = Peek();
  if (IsIdentifierStart(c)) {
    size_t begin = pos_;
    while (!AtEnd() && IsIdentifierChar(Peek())) Advance();
    return {TokenKind::kIdentifier, std::string(text_.substr(begin, pos_ - begin)), 0, start};
  }
  if (IsDigit(c)) return LexNumber(start);
  if (c == '"') return LexString(start);
  if (IsPunct(c)) {
    Advance();
    return {TokenKind::kPunct, std::string(1, c), 0, start};
  }
  return Fail(start, "unexpected character " + DescribeChar(c));
}

Token Lexer::LexNumber(const Location& start) {
  size_t begin = pos_;
  while (!AtEnd() && IsIdentifierChar(Peek())) Advance();
  std::string word(text_.substr(begin, pos_ - begin));
  bool decimal = word == "0" || word[0] != '0';
  for (char d : word) decimal = decimal && IsDigit(d);
  if (!decimal) {
    return Fail(start, "invalid integer `" + word + "': only decimal integers are supported");
  }
  uint64_t value = 0;
  for (char d : word) {
    auto digit = static_cast<uint64_t>(d - '0');
    if (value > (std::numeric_limits<uint64_t>::max() - digit) / 10) {
      return Fail(start, "integer `" + word + "' is too large");
    }
    value = value * 10 + digit;
  }
  return {TokenKind::kInteger, word, value, start};
}

Token Lexer::LexString(const Location& start) {
  Advance();  // the opening quote
  size_t begin = pos_;
  while (!AtEnd() && Peek() != '"' && Peek() != '\n') Advance();
  if (AtEnd() || Peek() != '"') return Fail(start, "unterminated string literal");
  std::string content(text_.substr(begin, pos_ - begin));
  Advance();
  return {TokenKind::kString, std::move(content), 0, start};
}

}  // namespace confidant::edl
