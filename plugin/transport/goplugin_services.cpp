#include "transport/goplugin_services.h"

#include <atomic>

namespace transport {
namespace {

// Finishes once, whoever asks first (client cancel, client half-close or our
// shutdown). Nothing may touch the object after Finish(): OnDone may delete it.
template <typename Reactor>
class IdleReactor : public Reactor, public IdleStream {
 public:
  explicit IdleReactor(IdleStreams& streams) : streams_(streams) {}

  void Close() override { FinishOnce(); }
  void OnCancel() override { FinishOnce(); }
  void OnDone() override {
    streams_.Remove(this);
    delete this;
  }

 protected:
  // Registers with the registry; false (and finished) when the server is stopping.
  bool Register() {
    if (streams_.Add(this)) return true;
    FinishOnce();  // nothing pending yet, so finishing is enough
    return false;
  }
  bool finished() const { return finished_.load(); }
  void FinishOnce() {
    if (finished_.exchange(true)) return;
    this->Finish(grpc::Status::OK);
  }

 private:
  IdleStreams& streams_;
  std::atomic<bool> finished_{false};
};

class StdioStream final : public IdleReactor<grpc::ServerWriteReactor<plugin::StdioData>> {
 public:
  explicit StdioStream(IdleStreams& streams) : IdleReactor(streams) { Register(); }
};

class BrokerStream final
    : public IdleReactor<grpc::ServerBidiReactor<plugin::ConnInfo, plugin::ConnInfo>> {
 public:
  BrokerStream(grpc::CallbackServerContext* context, IdleStreams& streams)
      : IdleReactor(streams), context_(context) {
    if (Register()) StartRead(&incoming_);
  }

  // Finish() alone would leave our pending read open until the client
  // half-closes, and the call with it; cancelling ends both (OnCancel finishes).
  void Close() override { context_->TryCancel(); }

  void OnReadDone(bool ok) override {
    // !ok: the client closed its sending side (go-plugin's broker Close), so we are done too.
    if (!ok) {
      FinishOnce();
      return;
    }
    // Safe while inside this reaction: OnDone cannot run until it returns.
    if (!finished()) StartRead(&incoming_);
  }

 private:
  grpc::CallbackServerContext* context_;
  plugin::ConnInfo incoming_;
};

}  // namespace

ControllerService::ControllerService(std::function<void()> request_stop)
    : request_stop_(std::move(request_stop)) {}

grpc::ServerUnaryReactor* ControllerService::Shutdown(grpc::CallbackServerContext* context,
                                                      const plugin::Empty*, plugin::Empty*) {
  request_stop_();
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

grpc::ServerWriteReactor<plugin::StdioData>* StdioService::StreamStdio(
    grpc::CallbackServerContext*, const google::protobuf::Empty*) {
  return new StdioStream(streams_);
}

grpc::ServerBidiReactor<plugin::ConnInfo, plugin::ConnInfo>* BrokerService::StartStream(
    grpc::CallbackServerContext* context) {
  return new BrokerStream(context, streams_);
}

}  // namespace transport
