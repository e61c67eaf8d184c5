// Tokens of EDL (docs/edl.md): identifiers, decimal integers, "strings", one-character
// punctuation, with `//` and `/* */` comments skipped. The input is untrusted: any byte sequence
// yields tokens or one error diagnostic, never a crash.
//
// Thread-safety: a Lexer is used by one thread.

#ifndef CONFIDANT_EDL_LEXER_H_
#define CONFIDANT_EDL_LEXER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "edl/ast.h"
#include "edl/diagnostic.h"

namespace confidant::edl {

enum class TokenKind {
  kIdentifier,
  kInteger,  // decimal only; `value` holds it
  kString,   // `text` is the content without the quotes
  kPunct,    // one of { } ( ) [ ] ; , = * #
  kEof,
  kError,  // a lexical error, already reported
};

struct Token {
  TokenKind kind = TokenKind::kEof;
  std::string text;
  uint64_t value = 0;
  Location location;

  bool Is(char punct) const {
    return kind == TokenKind::kPunct && text.size() == 1 && text[0] == punct;
  }
  bool IsWord(std::string_view word) const {
    return kind == TokenKind::kIdentifier && text == word;
  }
  // For messages: "`;'", "identifier `foo'", "end of file".
  std::string Describe() const;
};

class Lexer {
 public:
  // `file` names the input in locations. `text` must outlive the Lexer.
  Lexer(std::string_view text, std::string file, Diagnostics* diagnostics);

  // The next token; kEof forever at the end, kError after a reported lexical error.
  Token Next();

 private:
  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek(size_t ahead = 0) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }
  void Advance();
  Location Here() const { return {file_, line_, column_}; }
  // Skips blanks and comments; false after reporting an unterminated comment.
  bool SkipBlanksAndComments();
  Token Fail(const Location& location, std::string message);
  Token LexNumber(const Location& start);
  Token LexString(const Location& start);

  std::string_view text_;
  std::string file_;
  Diagnostics* diagnostics_;
  size_t pos_ = 0;
  int line_ = 1;
  int column_ = 1;
  bool failed_ = false;
};

}  // namespace confidant::edl

#endif  // CONFIDANT_EDL_LEXER_H_
