package io.github.st2chatops.gateway.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every error of the HTTP API into RFC 9457 problem details with a stable
 * {@code type} from {@link ProblemType}. Never a stack trace, never a secret, never an
 * upstream body.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	@ExceptionHandler(GatewayProblemException.class)
	ResponseEntity<ProblemDetail> handleGatewayProblem(GatewayProblemException ex) {
		return ex.response();
	}

	@ExceptionHandler(RequestBodyTooLargeException.class)
	ResponseEntity<ProblemDetail> handleTooLarge(RequestBodyTooLargeException ex) {
		return ProblemType.PAYLOAD_TOO_LARGE.response(ex.getMessage(), HttpHeaders.EMPTY);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> handleUnexpected(Exception ex) {
		logger.error("Unexpected error answering a request", ex);
		return ProblemType.INTERNAL.response("The gateway failed unexpectedly; the error is in its log.",
				HttpHeaders.EMPTY);
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ProblemType type = typeFor(ex, statusCode);
		ProblemDetail problem = type.problemDetail(detailFor(ex, type));
		return ResponseEntity.status(problem.getStatus()).headers(headers).body(problem);
	}

	private static ProblemType typeFor(Exception ex, HttpStatusCode statusCode) {
		if (ex instanceof HttpMediaTypeNotSupportedException) {
			return ProblemType.UNSUPPORTED_MEDIA_TYPE;
		}
		if (ex instanceof HttpRequestMethodNotSupportedException) {
			return ProblemType.METHOD_NOT_ALLOWED;
		}
		if (ex instanceof NoHandlerFoundException || ex instanceof NoResourceFoundException) {
			return ProblemType.NOT_FOUND;
		}
		if (statusCode.value() == 413) {
			return ProblemType.PAYLOAD_TOO_LARGE;
		}
		if (statusCode.is4xxClientError()) {
			return ProblemType.INVALID_REQUEST;
		}
		return ProblemType.INTERNAL;
	}

	private static String detailFor(Exception ex, ProblemType type) {
		if (ex instanceof HttpMessageNotReadableException) {
			return "The request body is missing or is not valid JSON of the expected shape.";
		}
		if (ex instanceof MethodArgumentNotValidException invalid) {
			FieldError error = invalid.getBindingResult().getFieldError();
			return (error != null) ? "'" + error.getField() + "' " + error.getDefaultMessage() + "."
					: "The request body is invalid.";
		}
		if (ex instanceof HttpMediaTypeNotSupportedException) {
			return "This endpoint takes application/json.";
		}
		if (ex instanceof HttpRequestMethodNotSupportedException notSupported) {
			return "Method " + notSupported.getMethod() + " is not supported here.";
		}
		if (type == ProblemType.NOT_FOUND) {
			return "No such endpoint.";
		}
		return type.title() + ".";
	}

}
