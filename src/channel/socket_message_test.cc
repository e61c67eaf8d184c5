#include "channel/socket_message.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

#include "channel/platform_protocol.h"

namespace confidant::channel {
namespace {

struct Pair {
  UniqueFd a, b;
};

Pair MakePair() {
  int fds[2];
  EXPECT_EQ(socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, fds), 0);
  return {UniqueFd(fds[0]), UniqueFd(fds[1])};
}

TEST(SocketMessageTest, CarriesJsonAndDescriptors) {
  Pair pair = MakePair();
  int pipe_fds[2];
  ASSERT_EQ(pipe(pipe_fds), 0);
  UniqueFd read_end(pipe_fds[0]), write_end(pipe_fds[1]);
  int passed = write_end.get();
  ASSERT_TRUE(SendMessage(pair.a.get(), {{"op", "hello"}}, std::span<const int>(&passed, 1)).ok());
  auto message = ReceiveMessage(pair.b.get(), std::chrono::milliseconds(1000));
  ASSERT_TRUE(message.ok()) << message.status();
  EXPECT_EQ(message->body["op"], "hello");
  ASSERT_EQ(message->fds.size(), 1u);
  ASSERT_EQ(write(message->fds[0].get(), "x", 1), 1);
  char byte = 0;
  ASSERT_EQ(read(read_end.get(), &byte, 1), 1);
  EXPECT_EQ(byte, 'x');
}

TEST(SocketMessageTest, RefusesNonObjectsAndReportsClosedPeerAndTimeout) {
  Pair pair = MakePair();
  ASSERT_EQ(send(pair.a.get(), "[1,2]", 5, 0), 5);
  EXPECT_EQ(ReceiveMessage(pair.b.get(), std::chrono::milliseconds(1000)).status().code(),
            StatusCode::kInvalidArgument);
  ASSERT_EQ(send(pair.a.get(), "{not json", 9, 0), 9);
  EXPECT_EQ(ReceiveMessage(pair.b.get(), std::chrono::milliseconds(1000)).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(ReceiveMessage(pair.b.get(), std::chrono::milliseconds(10)).status().code(),
            StatusCode::kDeadlineExceeded);
  pair.a.reset();
  EXPECT_EQ(ReceiveMessage(pair.b.get(), std::chrono::milliseconds(1000)).status().code(),
            StatusCode::kUnavailable);
}

TEST(SocketMessageTest, RefusesOversizedPackets) {
  Pair pair = MakePair();
  int size = 1 << 20;
  setsockopt(pair.a.get(), SOL_SOCKET, SO_SNDBUF, &size, sizeof(size));
  std::string big = "{\"x\":\"" + std::string(kMaxMessageSize + 10, 'a') + "\"}";
  ASSERT_EQ(send(pair.a.get(), big.data(), big.size(), 0), static_cast<ssize_t>(big.size()));
  EXPECT_EQ(ReceiveMessage(pair.b.get(), std::chrono::milliseconds(1000)).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(PlatformProtocolTest, StatusRoundTripsAndFieldsAreTypeChecked) {
  Status status = ResourceExhaustedError("budget");
  EXPECT_EQ(StatusFromJson(StatusToJson(status)), status);
  EXPECT_TRUE(StatusFromJson(StatusToJson(OkStatus())).ok());
  EXPECT_EQ(StatusFromJson(nlohmann::json{{"error", 5}}).code(), StatusCode::kUnknown);
  EXPECT_EQ(StatusFromJson(nlohmann::json{{"error", {{"code", 5}}}}).code(), StatusCode::kUnknown);
  nlohmann::json message = {{"n", 5}, {"s", "x"}, {"h", "00000000deadbeef"}, {"neg", -1}};
  EXPECT_EQ(*NumberField(message, "n"), 5u);
  EXPECT_FALSE(NumberField(message, "s").ok());
  EXPECT_FALSE(NumberField(message, "neg").ok());
  EXPECT_FALSE(StringField(message, "n").ok());
  EXPECT_EQ(*ParseHex64(message, "h"), 0xdeadbeefu);
  EXPECT_FALSE(ParseHex64(message, "s").ok());
  EXPECT_FALSE(ParseHex64(nlohmann::json{{"h", "00000000000000000"}}, "h").ok());
  EXPECT_EQ(Hex64(0xdeadbeef), "00000000deadbeef");
}

}  // namespace
}  // namespace confidant::channel
