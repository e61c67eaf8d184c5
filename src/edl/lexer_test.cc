#include "edl/lexer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace confidant::edl {
namespace {

struct Lexed {
  std::vector<Token> tokens;  // up to and including kEof or kError
  std::vector<std::string> diagnostics;
};

Lexed Lex(std::string_view text) {
  Diagnostics diagnostics;
  Lexer lexer(text, "t.edl", &diagnostics);
  Lexed out;
  for (;;) {
    out.tokens.push_back(lexer.Next());
    TokenKind kind = out.tokens.back().kind;
    if (kind == TokenKind::kEof || kind == TokenKind::kError) break;
  }
  for (const Diagnostic& d : diagnostics.all()) out.diagnostics.push_back(d.ToString());
  return out;
}

TEST(EdlLexerTest, TokensWithPositions) {
  Lexed l = Lex("enclave {\n  [size=16] \"a.h\" *;#\n}");
  ASSERT_EQ(l.tokens.size(), 13u);
  EXPECT_TRUE(l.tokens[0].IsWord("enclave"));
  EXPECT_EQ(l.tokens[0].location.line, 1);
  EXPECT_EQ(l.tokens[0].location.column, 1);
  EXPECT_TRUE(l.tokens[1].Is('{'));
  EXPECT_EQ(l.tokens[1].location.column, 9);
  EXPECT_TRUE(l.tokens[2].Is('['));
  EXPECT_EQ(l.tokens[2].location.line, 2);
  EXPECT_EQ(l.tokens[2].location.column, 3);
  EXPECT_TRUE(l.tokens[3].IsWord("size"));
  EXPECT_TRUE(l.tokens[4].Is('='));
  EXPECT_EQ(l.tokens[5].kind, TokenKind::kInteger);
  EXPECT_EQ(l.tokens[5].value, 16u);
  EXPECT_TRUE(l.tokens[6].Is(']'));
  EXPECT_EQ(l.tokens[7].kind, TokenKind::kString);
  EXPECT_EQ(l.tokens[7].text, "a.h");
  EXPECT_TRUE(l.tokens[8].Is('*'));
  EXPECT_TRUE(l.tokens[9].Is(';'));
  EXPECT_TRUE(l.tokens[10].Is('#'));
  EXPECT_TRUE(l.tokens[11].Is('}'));
  EXPECT_EQ(l.tokens[11].location.line, 3);
  EXPECT_EQ(l.tokens[12].kind, TokenKind::kEof);
  EXPECT_TRUE(l.diagnostics.empty());
}

TEST(EdlLexerTest, CommentsAreSkipped) {
  Lexed l = Lex("// line\n/* block\n * more */ x /**/y// end");
  ASSERT_EQ(l.tokens.size(), 3u);
  EXPECT_TRUE(l.tokens[0].IsWord("x"));
  EXPECT_EQ(l.tokens[0].location.line, 3);
  EXPECT_EQ(l.tokens[0].location.column, 12);
  EXPECT_TRUE(l.tokens[1].IsWord("y"));
  EXPECT_EQ(l.tokens[2].kind, TokenKind::kEof);
}

TEST(EdlLexerTest, IntegersAreDecimalOnly) {
  EXPECT_EQ(Lex("0").tokens[0].value, 0u);
  EXPECT_EQ(Lex("18446744073709551615").tokens[0].value, 18446744073709551615u);
  EXPECT_EQ(Lex("0x10").diagnostics,
            std::vector<std::string>{
                "t.edl:1:1: error: invalid integer `0x10': only decimal integers are supported"});
  EXPECT_EQ(Lex(" 010").diagnostics,
            std::vector<std::string>{
                "t.edl:1:2: error: invalid integer `010': only decimal integers are supported"});
  EXPECT_EQ(Lex("12u").diagnostics,
            std::vector<std::string>{
                "t.edl:1:1: error: invalid integer `12u': only decimal integers are supported"});
  EXPECT_EQ(
      Lex("18446744073709551616").diagnostics,
      std::vector<std::string>{"t.edl:1:1: error: integer `18446744073709551616' is too large"});
}

TEST(EdlLexerTest, UnterminatedCommentAndString) {
  EXPECT_EQ(Lex("x /* never").diagnostics,
            std::vector<std::string>{"t.edl:1:3: error: unterminated comment"});
  EXPECT_EQ(Lex("x /*/").diagnostics,
            std::vector<std::string>{"t.edl:1:3: error: unterminated comment"});
  EXPECT_EQ(Lex("\"abc").diagnostics,
            std::vector<std::string>{"t.edl:1:1: error: unterminated string literal"});
  EXPECT_EQ(Lex("\"abc\ndef\"").diagnostics,
            std::vector<std::string>{"t.edl:1:1: error: unterminated string literal"});
}

TEST(EdlLexerTest, StrayCharacters) {
  EXPECT_EQ(Lex("a @").diagnostics,
            std::vector<std::string>{"t.edl:1:3: error: unexpected character `@'"});
  EXPECT_EQ(Lex("/").diagnostics,
            std::vector<std::string>{"t.edl:1:1: error: unexpected character `/'"});
  EXPECT_EQ(Lex(std::string_view("\0", 1)).diagnostics,
            std::vector<std::string>{"t.edl:1:1: error: unexpected character 0x00"});
  EXPECT_EQ(Lex("\xff").diagnostics,
            std::vector<std::string>{"t.edl:1:1: error: unexpected character 0xff"});
}

TEST(EdlLexerTest, ErrorIsSticky) {
  Diagnostics diagnostics;
  Lexer lexer("@ a b", "t.edl", &diagnostics);
  EXPECT_EQ(lexer.Next().kind, TokenKind::kError);
  EXPECT_EQ(lexer.Next().kind, TokenKind::kError);
  EXPECT_EQ(diagnostics.all().size(), 1u);
}

TEST(EdlLexerTest, EmptyInput) {
  Lexed l = Lex("");
  ASSERT_EQ(l.tokens.size(), 1u);
  EXPECT_EQ(l.tokens[0].kind, TokenKind::kEof);
  EXPECT_EQ(l.tokens[0].location.line, 1);
}

}  // namespace
}  // namespace confidant::edl
