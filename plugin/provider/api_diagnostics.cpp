#include "provider/api_diagnostics.h"

#include <utility>

#include "provider/validation.h"

namespace provider {
namespace {

using Kind = jdcloud::ApiError::Kind;

// Text an API answer supplies is untrusted: a 2 MB message or a terminal
// escape sequence must not reach the user's screen as such. 1 KiB of it
// (escaped) keeps every diagnostic under 2 KiB.
constexpr std::size_t kMaxApiText = 1024;
constexpr std::size_t kMaxApiToken = 96;  // a status word or a request id

std::string ApiText(const std::string& text) { return EscapedForDiagnostic(text, kMaxApiText); }

std::string Target(const std::string& image_id, const std::string& region) {
  return "image \"" + image_id + "\" in region \"" + region + "\"";
}

// "HTTP 400 INVALID_ARGUMENT: message" with whatever parts are present.
std::string ApiAnswer(const jdcloud::ApiError& error) {
  std::string text;
  if (error.http_status != 0) text = "HTTP " + std::to_string(error.http_status);
  if (!error.api_status.empty())
    text += (text.empty() ? "" : " ") + EscapedForDiagnostic(error.api_status, kMaxApiToken);
  if (!error.message.empty()) text += (text.empty() ? "" : ": ") + ApiText(error.message);
  return text.empty() ? "no details" : text;
}

std::string Attempts(int attempts) {
  return std::to_string(attempts) + (attempts == 1 ? " attempt" : " attempts");
}

std::string RequestIdSentence(const jdcloud::ApiError& error) {
  if (!error.request_id.empty()) return " Request ID: " + EscapedForDiagnostic(error.request_id, kMaxApiToken) + ".";
  // Only worth saying when a response arrived: a request id is then expected.
  return error.http_status != 0 || error.kind == Kind::MalformedBody
             ? " The response carried no request ID."
             : "";
}

Diagnostic Make(std::string summary, std::string detail, const jdcloud::ApiError& error) {
  return ErrorDiag(std::move(summary), std::move(detail) + RequestIdSentence(error));
}

}  // namespace

Diagnostic ApiErrorDiagnostic(const jdcloud::ApiError& error, const std::string& image_id,
                              const std::string& region) {
  return ApiErrorDiagnostic(error, ApiCall{"describeImage", Target(image_id, region)});
}

Diagnostic ApiErrorDiagnostic(const jdcloud::ApiError& error, const ApiCall& call) {
  const std::string& target = call.target;
  switch (error.kind) {
    case Kind::NotFound:
      return Make("Image not found",
                  "JD Cloud reports image not found: no " + target + " (" + ApiAnswer(error) +
                      "). Check the image ID and the region.",
                  error);
    case Kind::Unauthenticated:
      return Make("JD Cloud authentication failed",
                  "JD Cloud rejected the request's credentials while reading " + target + " (" +
                      ApiAnswer(error) + "). Check access_key and secret_key (or JDCLOUD_ACCESS_KEY "
                      "and JDCLOUD_SECRET_KEY).",
                  error);
    case Kind::Forbidden:
      return Make("JD Cloud authorization failed: permission denied",
                  "The credentials are valid but not allowed to describe " + target + " (" +
                      ApiAnswer(error) + "). Grant the access key permission to read VM images.",
                  error);
    case Kind::BadRequest:
      return Make("JD Cloud rejected the request",
                  "JD Cloud answered the request for " + target + " with error code " +
                      std::to_string(error.http_status != 0 ? error.http_status : 400) +
                      (error.api_status.empty() ? "" : " (" + EscapedForDiagnostic(error.api_status, kMaxApiToken) + ")") +
                      ": " + (error.message.empty() ? "no message" : ApiText(error.message)) + ".",
                  error);
    case Kind::QuotaExceeded:
      return Make("JD Cloud quota exceeded",
                  "JD Cloud refused the request for " + target + " because a quota is exhausted (" +
                      ApiAnswer(error) + "). This is not retried.",
                  error);
    case Kind::OtherHttpStatus:
      return Make("JD Cloud API error", "JD Cloud answered the request for " + target + " with " +
                                            ApiAnswer(error) + ".",
                  error);
    case Kind::Throttled:
    case Kind::ServerError:
    case Kind::Network:
      // "Retries exhausted" only when retries were made: with max_retries = 0
      // there were none to exhaust.
      return Make("JD Cloud API request failed after " + Attempts(error.attempts),
                  "Reading " + target + " failed after " + Attempts(error.attempts) +
                      (error.attempts > 1 ? " (retries exhausted)" : " (max_retries is 0: not retried)") +
                      "; last cause: " + ApiAnswer(error) + ".",
                  error);
    case Kind::Tls:
      return Make("JD Cloud TLS connection failed",
                  "Reading " + target + " failed: " + ApiAnswer(error) +
                      ". This is not retried. Check the endpoint, and for a private CA set ca_file "
                      "(or JDCLOUD_CA_FILE).",
                  error);
    case Kind::InvalidArgument:
      return Make("Invalid JD Cloud request",
                  "Reading " + target + " was not attempted: " + ApiAnswer(error) + ".", error);
    case Kind::Internal:
      return Make("Internal provider error",
                  "Reading " + target + " failed because of a bug in the provider (" + ApiAnswer(error) +
                      "); no request problem is implied. Please report it.",
                  error);
    case Kind::Timeout:
      return Make("JD Cloud API request timed out",
                  "Reading " + target + " timed out after " + Attempts(error.attempts) +
                      "; last cause: " + ApiAnswer(error) +
                      ". Raise request_timeout (JDCLOUD_REQUEST_TIMEOUT) if the API is slow.",
                  error);
    case Kind::MalformedBody:
      return Make("Malformed response from JD Cloud",
                  "The " + call.operation + " response for " + target +
                      " could not be used: " + ApiAnswer(error) + ".",
                  error);
    case Kind::ResponseTooLarge:
      return Make("JD Cloud response too large",
                  "The " + call.operation + " response for " + target + " exceeded the size limit (" +
                      ApiAnswer(error) + ").",
                  error);
    case Kind::TooManyImages:
      return Make("Search matches too many images",
                  "The search for " + target + " matches more images than the provider reads (" +
                      ApiAnswer(error) + "). Narrow the filter.",
                  error);
    case Kind::Cancelled:
      return Make("Read cancelled",
                  "Reading " + target + " was cancelled because Terraform asked the provider to stop.",
                  error);
  }
  return Make("JD Cloud API error", "Reading " + target + " failed: " + ApiAnswer(error) + ".", error);
}

}  // namespace provider
