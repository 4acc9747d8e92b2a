/// What each caller got from each path and method before routes became a table (see
/// ``RouteBehaviourTests``); regenerate with `ROUTE_MATRIX_OUT=dir` only for a deliberate change.
extension RouteBehaviourTests {
    static let expectedWorker = #"""
        worker GET /v1/environments/{env}: 200
        worker POST,PUT,PATCH,DELETE /v1/environments/{env}: 405 METHOD_NOT_ALLOWED The method {method} is not allowed on this resource.
        worker GET,POST,PUT,PATCH,DELETE /v1/environments/{missing}: 404 NOT_FOUND The environment {missing} was not found.
        worker GET,POST,PUT,PATCH,DELETE /v1/environments/{missing}/applications: 404 NOT_FOUND The environment {missing} was not found.
        worker GET /v1/environments/{env}/applications: 200
        worker POST /v1/environments/{env}/applications: 415 INVALID_REQUEST Unsupported Content-Type 'none'; this operation expects 'application/json'.
        worker PUT,PATCH,DELETE /v1/environments/{env}/applications: 405 METHOD_NOT_ALLOWED The method {method} is not allowed on this resource.
        worker GET /v1/environments/{env}/applications/{app}: 200
        worker POST,PUT,PATCH /v1/environments/{env}/applications/{app}: 405 METHOD_NOT_ALLOWED The method {method} is not allowed on this resource.
        worker DELETE /v1/environments/{env}/applications/{app}: 204
        worker GET,POST,PUT,PATCH,DELETE /v1/environments/{env}/applications/{missing}: 404 NOT_FOUND Unable to find application with ID {missing}.
        worker GET /v1/environments/{env}/applications/{app}/secret: 200
        worker POST,PUT,PATCH,DELETE /v1/environments/{env}/applications/{app}/secret: 405 METHOD_NOT_ALLOWED The method {method} is not allowed on this resource.
        worker GET,POST,PUT,PATCH,DELETE /v1/environments/{env}/applications/{missing}/secret: 404 NOT_FOUND Unable to find application with ID {missing}.
        worker GET /v1/environments/{env}/applications/{app}/grants: 200
        worker POST /v1/environments/{env}/applications/{app}/grants: 415 INVALID_REQUEST Unsupported Content-Type 'none'; this operation expects 'application/json'.
        worker PUT,PATCH,DELETE /v1/environments/{env}/applications/{app}/grants: 405 METHOD_NOT_ALLOWED The method {method} is not allowed on this resource.
        worker GET,POST,PUT,PATCH,DELETE /v1/environments/{env}/applications/{missing}/grants: 404 NOT_FOUND Unable to find application with ID {missing}.
        worker GET /v1/environments/{env}/applications/{app}/grants/{grant}: 200
        worker POST,PUT,PATCH /v1/environments/{env}/applications/{app}/grants/{grant}: 405 METHOD_NOT_ALLOWED The method {method} is not allowed on this resource.
        worker DELETE /v1/environments/{env}/applications/{app}/grants/{grant}: 204
        worker GET,POST,PUT,PATCH,DELETE /v1/environments/{env}/applications/{app}/grants/{missing}: 404 NOT_FOUND Unable to find grant with ID {missing}.
        worker GET,POST,PUT,PATCH,DELETE /v1/environments/{env}/applications/{missing}/grants/{grant}: 404 NOT_FOUND Unable to find grant with ID {grant}.
        worker GET,POST,PUT,PATCH,DELETE /v1/environments/{env}/applications/{app}/other: 404 NOT_FOUND The requested resource was not found.
        worker GET,POST,PUT,PATCH,DELETE /v1/environments/{env}/applications/{app}/grants/{grant}/more: 404 NOT_FOUND The requested resource was not found.
        worker GET /v1/environments/{env}/resources: 200
        worker POST /v1/environments/{env}/resources: 415 INVALID_REQUEST Unsupported Content-Type 'none'; this operation expects 'application/json'.
        worker PUT,PATCH,DELETE /v1/environments/{env}/resources: 405 METHOD_NOT_ALLOWED The method {method} is not allowed on this resource.
        worker GET /v1/environments/{env}/resources/{resource}: 200
        worker POST,PUT,PATCH /v1/environments/{env}/resources/{resource}: 405 METHOD_NOT_ALLOWED The method {method} is not allowed on this resource.
        worker DELETE /v1/environments/{env}/resources/{resource}: 204
        worker GET,POST,PUT,PATCH,DELETE /v1/environments/{env}/resources/{missing}: 404 NOT_FOUND Unable to find resource with ID {missing}.
        worker GET /v1/environments/{env}/resources/{resource}/scopes: 200
        worker POST /v1/environments/{env}/resources/{resource}/scopes: 415 INVALID_REQUEST Unsupported Content-Type 'none'; this operation expects 'application/json'.
        worker PUT,PATCH,DELETE /v1/environments/{env}/resources/{resource}/scopes: 405 METHOD_NOT_ALLOWED The method {method} is not allowed on this resource.
        worker GET,POST,PUT,PATCH,DELETE /v1/environments/{env}/resources/{missing}/scopes: 404 NOT_FOUND Unable to find resource with ID {missing}.
        worker GET,POST,PUT,PATCH,DELETE /v1/environments/{env}/resources/{resource}/scopes/{missing}: 404 NOT_FOUND Unable to find scope with ID {missing}.
        worker GET /v1/environments/{env}/populations: 200
        worker POST /v1/environments/{env}/populations: 415 INVALID_REQUEST Unsupported Content-Type 'none'; this operation expects 'application/json'.
        worker PUT,PATCH,DELETE /v1/environments/{env}/populations: 405 METHOD_NOT_ALLOWED The method {method} is not allowed on this resource.
        worker GET /v1/environments/{env}/populations/{population}: 200
        worker POST,PUT,PATCH /v1/environments/{env}/populations/{population}: 405 METHOD_NOT_ALLOWED The method {method} is not allowed on this resource.
        worker DELETE /v1/environments/{env}/populations/{population}: 400 REQUEST_FAILED The population still contains users; delete or move them first.
        worker GET,POST,PUT,PATCH,DELETE /v1/environments/{env}/populations/{missing}: 404 NOT_FOUND Unable to find population with ID {missing}.
        worker GET /v1/environments/{env}/users: 200
        worker POST /v1/environments/{env}/users: 415 INVALID_REQUEST Unsupported Content-Type 'none'; this operation expects 'application/json'.
        worker PUT,PATCH,DELETE /v1/environments/{env}/users: 405 METHOD_NOT_ALLOWED The method {method} is not allowed on this resource.
        worker GET /v1/environments/{env}/users/{user}: 200
        worker POST,PUT /v1/environments/{env}/users/{user}: 405 METHOD_NOT_ALLOWED The method {method} is not allowed on this resource.
        worker PATCH /v1/environments/{env}/users/{user}: 415 INVALID_REQUEST Unsupported Content-Type 'none'; this operation expects 'application/json'.
        worker DELETE /v1/environments/{env}/users/{user}: 204
        worker GET,POST,PUT,PATCH,DELETE /v1/environments/{env}/users/{missing}: 404 NOT_FOUND Unable to find user with ID {missing}.
        worker GET,POST,PATCH,DELETE /v1/environments/{env}/users/{user}/password: 405 METHOD_NOT_ALLOWED The method {method} is not allowed on this resource.
        worker PUT /v1/environments/{env}/users/{user}/password: 415 INVALID_REQUEST Unsupported Content-Type 'none'; this operation expects 'application/vnd.pingidentity.password.set+json'.
        worker GET,POST,PUT,PATCH,DELETE /v1/environments/{env}/users/{missing}/password: 404 NOT_FOUND Unable to find user with ID {missing}.
        worker GET,POST,PUT,PATCH,DELETE /v1/environments/{env}/unknown: 404 NOT_FOUND The requested resource was not found.
        worker GET,POST,PUT,PATCH,DELETE /v1/environments: 404 NOT_FOUND The requested resource was not found.
        worker GET,POST,PUT,PATCH,DELETE /v1: 404 NOT_FOUND The requested resource was not found.
        worker GET,POST,PUT,PATCH,DELETE /: 404 NOT_FOUND The requested resource was not found.
        worker GET /v1/environments/{env}/applications/: 200
        worker POST /v1/environments/{env}/applications/: 415 INVALID_REQUEST Unsupported Content-Type 'none'; this operation expects 'application/json'.
        worker PUT,PATCH,DELETE /v1/environments/{env}/applications/: 405 METHOD_NOT_ALLOWED The method {method} is not allowed on this resource.
        worker GET //v1//environments/{env}//applications//{app}//: 200
        worker POST,PUT,PATCH //v1//environments/{env}//applications//{app}//: 405 METHOD_NOT_ALLOWED The method {method} is not allowed on this resource.
        worker DELETE //v1//environments/{env}//applications//{app}//: 204
        worker GET /v1/environments/{env}/%61pplications/{app}: 200
        worker POST,PUT,PATCH /v1/environments/{env}/%61pplications/{app}: 405 METHOD_NOT_ALLOWED The method {method} is not allowed on this resource.
        worker DELETE /v1/environments/{env}/%61pplications/{app}: 204
        worker GET /v1/environments/{env}/applications/{app-encoded}: 200
        worker POST,PUT,PATCH /v1/environments/{env}/applications/{app-encoded}: 405 METHOD_NOT_ALLOWED The method {method} is not allowed on this resource.
        worker DELETE /v1/environments/{env}/applications/{app-encoded}: 204
        worker GET,POST,PUT,PATCH,DELETE /v1/environments/{env}/applications/a%2Fb: 404 NOT_FOUND Unable to find application with ID a/b.
        worker GET,POST,PUT,PATCH,DELETE /v1/environments/{env}/applications/%zz: 404 NOT_FOUND Unable to find application with ID %zz.
        worker GET /v1/%65nvironments/{env}/users/{user}: 200
        worker POST,PUT /v1/%65nvironments/{env}/users/{user}: 405 METHOD_NOT_ALLOWED The method {method} is not allowed on this resource.
        worker PATCH /v1/%65nvironments/{env}/users/{user}: 415 INVALID_REQUEST Unsupported Content-Type 'none'; this operation expects 'application/json'.
        worker DELETE /v1/%65nvironments/{env}/users/{user}: 204
        worker GET,POST,PUT,PATCH,DELETE /v1/Environments/{env}/applications: 404 NOT_FOUND The requested resource was not found.
        worker GET,POST,PUT,PATCH,DELETE /V1/environments/{env}/applications: 404 NOT_FOUND The requested resource was not found.
        worker GET /v1/environments/{env}/applications/{app}/secret/: 200
        worker POST,PUT,PATCH,DELETE /v1/environments/{env}/applications/{app}/secret/: 405 METHOD_NOT_ALLOWED The method {method} is not allowed on this resource.
        worker GET,PUT,PATCH,DELETE /{env}/as/token/: 405 invalid_request The token endpoint accepts POST only.
        worker POST /{env}/as/token/: 400 invalid_request The token request must be application/x-www-form-urlencoded.
        worker GET,PUT,PATCH,DELETE /{env}/as/%74oken: 405 invalid_request The token endpoint accepts POST only.
        worker POST /{env}/as/%74oken: 400 invalid_request The token request must be application/x-www-form-urlencoded.
        worker GET,PUT,PATCH,DELETE /{env}/as/token: 405 invalid_request The token endpoint accepts POST only.
        worker POST /{env}/as/token: 400 invalid_request The token request must be application/x-www-form-urlencoded.
        worker GET,PUT,PATCH,DELETE /{missing}/as/token: 405 invalid_request The token endpoint accepts POST only.
        worker POST /{missing}/as/token: 404 invalid_request Unknown environment {missing}.
        worker GET /{env}/as/authorize: 400 invalid_request Unknown or disabled client_id.
        worker POST /{env}/as/authorize: 400 invalid_request An authorization POST must be application/x-www-form-urlencoded.
        worker PUT,PATCH,DELETE /{env}/as/authorize: 405 invalid_request The authorization endpoint accepts GET and POST.
        worker GET /{missing}/as/authorize: 404 invalid_request Unknown environment {missing}.
        worker POST /{missing}/as/authorize: 400 invalid_request An authorization POST must be application/x-www-form-urlencoded.
        worker PUT,PATCH,DELETE /{missing}/as/authorize: 405 invalid_request The authorization endpoint accepts GET and POST.
        worker GET /{env}/as/resume: 400 invalid_request Unknown or missing flowId.
        worker POST,PUT,PATCH,DELETE /{env}/as/resume: 405 invalid_request resume accepts GET.
        worker GET,POST,PUT,PATCH,DELETE /{env}/as/other: 404 NOT_FOUND The requested resource was not found.
        worker GET,POST,PUT,PATCH,DELETE /{env}/as: 404 NOT_FOUND The requested resource was not found.
        worker GET /{env}/flows/{flow}: 200
        worker POST /{env}/flows/{flow}: 415 INVALID_REQUEST Unsupported Content-Type 'none'; this operation expects 'application/vnd.pingidentity.usernamePassword.check+json'.
        worker PUT,PATCH,DELETE /{env}/flows/{flow}: 405 METHOD_NOT_ALLOWED The method {method} is not allowed on a flow.
        worker GET,POST,PUT,PATCH,DELETE /{env}/flows/{missing}: 404 NOT_FOUND The flow {missing} was not found.
        worker GET,POST,PUT,PATCH,DELETE /{missing}/flows/{flow}: 404 NOT_FOUND The flow {flow} was not found.
        worker GET,POST,PUT,PATCH,DELETE /{env}/flows: 404 NOT_FOUND The requested resource was not found.
        worker GET,POST,PUT,PATCH,DELETE /{env}/flows/{flow}/more: 404 NOT_FOUND The requested resource was not found.
        worker GET,POST,PUT,PATCH,DELETE /{env}/signon: 200
        worker GET,POST,PUT,PATCH,DELETE /{env}/signon/: 200
        worker GET,POST,PUT,PATCH,DELETE /{missing}/signon: 200
        worker GET,POST,PUT,PATCH,DELETE /{env}: 404 NOT_FOUND The requested resource was not found.
        worker GET,PUT,PATCH,DELETE /v1/as/token: 405 invalid_request The token endpoint accepts POST only.
        worker POST /v1/as/token: 404 invalid_request Unknown environment v1.
        worker GET,POST,PUT,PATCH,DELETE /v1/flows/{flow}: 404 NOT_FOUND The flow {flow} was not found.
        """#
    static let expectedAnonymous = #"""
        anonymous GET,DELETE /v1/environments/{env}: 401 ACCESS_FAILED The request could not be completed. The access token is missing. [Bearer error="invalid_token"]
        anonymous GET,DELETE /v1/environments/{missing}: 401 ACCESS_FAILED The request could not be completed. The access token is missing. [Bearer error="invalid_token"]
        anonymous GET,DELETE /v1/environments/{missing}/applications: 401 ACCESS_FAILED The request could not be completed. The access token is missing. [Bearer error="invalid_token"]
        anonymous GET,DELETE /v1/environments/{env}/applications: 401 ACCESS_FAILED The request could not be completed. The access token is missing. [Bearer error="invalid_token"]
        anonymous GET,DELETE /v1/environments/{env}/applications/{app}: 401 ACCESS_FAILED The request could not be completed. The access token is missing. [Bearer error="invalid_token"]
        anonymous GET,DELETE /v1/environments/{env}/applications/{missing}: 401 ACCESS_FAILED The request could not be completed. The access token is missing. [Bearer error="invalid_token"]
        anonymous GET,DELETE /v1/environments/{env}/applications/{app}/secret: 401 ACCESS_FAILED The request could not be completed. The access token is missing. [Bearer error="invalid_token"]
        anonymous GET,DELETE /v1/environments/{env}/applications/{missing}/secret: 401 ACCESS_FAILED The request could not be completed. The access token is missing. [Bearer error="invalid_token"]
        anonymous GET,DELETE /v1/environments/{env}/applications/{app}/grants: 401 ACCESS_FAILED The request could not be completed. The access token is missing. [Bearer error="invalid_token"]
        anonymous GET,DELETE /v1/environments/{env}/applications/{missing}/grants: 401 ACCESS_FAILED The request could not be completed. The access token is missing. [Bearer error="invalid_token"]
        anonymous GET,DELETE /v1/environments/{env}/applications/{app}/grants/{grant}: 401 ACCESS_FAILED The request could not be completed. The access token is missing. [Bearer error="invalid_token"]
        anonymous GET,DELETE /v1/environments/{env}/applications/{app}/grants/{missing}: 401 ACCESS_FAILED The request could not be completed. The access token is missing. [Bearer error="invalid_token"]
        anonymous GET,DELETE /v1/environments/{env}/applications/{missing}/grants/{grant}: 401 ACCESS_FAILED The request could not be completed. The access token is missing. [Bearer error="invalid_token"]
        anonymous GET,DELETE /v1/environments/{env}/applications/{app}/other: 401 ACCESS_FAILED The request could not be completed. The access token is missing. [Bearer error="invalid_token"]
        anonymous GET,DELETE /v1/environments/{env}/applications/{app}/grants/{grant}/more: 401 ACCESS_FAILED The request could not be completed. The access token is missing. [Bearer error="invalid_token"]
        anonymous GET,DELETE /v1/environments/{env}/resources: 401 ACCESS_FAILED The request could not be completed. The access token is missing. [Bearer error="invalid_token"]
        anonymous GET,DELETE /v1/environments/{env}/resources/{resource}: 401 ACCESS_FAILED The request could not be completed. The access token is missing. [Bearer error="invalid_token"]
        anonymous GET,DELETE /v1/environments/{env}/resources/{missing}: 401 ACCESS_FAILED The request could not be completed. The access token is missing. [Bearer error="invalid_token"]
        anonymous GET,DELETE /v1/environments/{env}/resources/{resource}/scopes: 401 ACCESS_FAILED The request could not be completed. The access token is missing. [Bearer error="invalid_token"]
        anonymous GET,DELETE /v1/environments/{env}/resources/{missing}/scopes: 401 ACCESS_FAILED The request could not be completed. The access token is missing. [Bearer error="invalid_token"]
        anonymous GET,DELETE /v1/environments/{env}/resources/{resource}/scopes/{missing}: 401 ACCESS_FAILED The request could not be completed. The access token is missing. [Bearer error="invalid_token"]
        anonymous GET,DELETE /v1/environments/{env}/populations: 401 ACCESS_FAILED The request could not be completed. The access token is missing. [Bearer error="invalid_token"]
        anonymous GET,DELETE /v1/environments/{env}/populations/{population}: 401 ACCESS_FAILED The request could not be completed. The access token is missing. [Bearer error="invalid_token"]
        anonymous GET,DELETE /v1/environments/{env}/populations/{missing}: 401 ACCESS_FAILED The request could not be completed. The access token is missing. [Bearer error="invalid_token"]
        anonymous GET,DELETE /v1/environments/{env}/users: 401 ACCESS_FAILED The request could not be completed. The access token is missing. [Bearer error="invalid_token"]
        anonymous GET,DELETE /v1/environments/{env}/users/{user}: 401 ACCESS_FAILED The request could not be completed. The access token is missing. [Bearer error="invalid_token"]
        anonymous GET,DELETE /v1/environments/{env}/users/{missing}: 401 ACCESS_FAILED The request could not be completed. The access token is missing. [Bearer error="invalid_token"]
        anonymous GET,DELETE /v1/environments/{env}/users/{user}/password: 401 ACCESS_FAILED The request could not be completed. The access token is missing. [Bearer error="invalid_token"]
        anonymous GET,DELETE /v1/environments/{env}/users/{missing}/password: 401 ACCESS_FAILED The request could not be completed. The access token is missing. [Bearer error="invalid_token"]
        anonymous GET,DELETE /v1/environments/{env}/unknown: 401 ACCESS_FAILED The request could not be completed. The access token is missing. [Bearer error="invalid_token"]
        anonymous GET,DELETE /v1/environments: 404 NOT_FOUND The requested resource was not found.
        anonymous GET,DELETE /v1: 404 NOT_FOUND The requested resource was not found.
        anonymous GET,DELETE /: 404 NOT_FOUND The requested resource was not found.
        anonymous GET,DELETE /v1/environments/{env}/applications/: 401 ACCESS_FAILED The request could not be completed. The access token is missing. [Bearer error="invalid_token"]
        anonymous GET,DELETE //v1//environments/{env}//applications//{app}//: 401 ACCESS_FAILED The request could not be completed. The access token is missing. [Bearer error="invalid_token"]
        anonymous GET,DELETE /v1/environments/{env}/%61pplications/{app}: 401 ACCESS_FAILED The request could not be completed. The access token is missing. [Bearer error="invalid_token"]
        anonymous GET,DELETE /v1/environments/{env}/applications/{app-encoded}: 401 ACCESS_FAILED The request could not be completed. The access token is missing. [Bearer error="invalid_token"]
        anonymous GET,DELETE /v1/environments/{env}/applications/a%2Fb: 401 ACCESS_FAILED The request could not be completed. The access token is missing. [Bearer error="invalid_token"]
        anonymous GET,DELETE /v1/environments/{env}/applications/%zz: 401 ACCESS_FAILED The request could not be completed. The access token is missing. [Bearer error="invalid_token"]
        anonymous GET,DELETE /v1/%65nvironments/{env}/users/{user}: 401 ACCESS_FAILED The request could not be completed. The access token is missing. [Bearer error="invalid_token"]
        anonymous GET,DELETE /v1/Environments/{env}/applications: 404 NOT_FOUND The requested resource was not found.
        anonymous GET,DELETE /V1/environments/{env}/applications: 404 NOT_FOUND The requested resource was not found.
        anonymous GET,DELETE /v1/environments/{env}/applications/{app}/secret/: 401 ACCESS_FAILED The request could not be completed. The access token is missing. [Bearer error="invalid_token"]
        anonymous GET,DELETE /{env}/as/token/: 405 invalid_request The token endpoint accepts POST only.
        anonymous GET,DELETE /{env}/as/%74oken: 405 invalid_request The token endpoint accepts POST only.
        anonymous GET,DELETE /{env}/as/token: 405 invalid_request The token endpoint accepts POST only.
        anonymous GET,DELETE /{missing}/as/token: 405 invalid_request The token endpoint accepts POST only.
        anonymous GET /{env}/as/authorize: 400 invalid_request Unknown or disabled client_id.
        anonymous DELETE /{env}/as/authorize: 405 invalid_request The authorization endpoint accepts GET and POST.
        anonymous GET /{missing}/as/authorize: 404 invalid_request Unknown environment {missing}.
        anonymous DELETE /{missing}/as/authorize: 405 invalid_request The authorization endpoint accepts GET and POST.
        anonymous GET /{env}/as/resume: 400 invalid_request Unknown or missing flowId.
        anonymous DELETE /{env}/as/resume: 405 invalid_request resume accepts GET.
        anonymous GET,DELETE /{env}/as/other: 404 NOT_FOUND The requested resource was not found.
        anonymous GET,DELETE /{env}/as: 404 NOT_FOUND The requested resource was not found.
        anonymous GET,DELETE /{env}/flows/{flow}: 401 ACCESS_FAILED The request could not be completed. The flow's interactionId and interactionToken cookies are missing or do not match.
        anonymous GET,DELETE /{env}/flows/{missing}: 404 NOT_FOUND The flow {missing} was not found.
        anonymous GET,DELETE /{missing}/flows/{flow}: 404 NOT_FOUND The flow {flow} was not found.
        anonymous GET,DELETE /{env}/flows: 404 NOT_FOUND The requested resource was not found.
        anonymous GET,DELETE /{env}/flows/{flow}/more: 404 NOT_FOUND The requested resource was not found.
        anonymous GET,DELETE /{env}/signon: 200
        anonymous GET,DELETE /{env}/signon/: 200
        anonymous GET,DELETE /{missing}/signon: 200
        anonymous GET,DELETE /{env}: 404 NOT_FOUND The requested resource was not found.
        anonymous GET,DELETE /v1/as/token: 405 invalid_request The token endpoint accepts POST only.
        anonymous GET,DELETE /v1/flows/{flow}: 404 NOT_FOUND The flow {flow} was not found.
        """#
    static let expectedUser = #"""
        user GET,POST,PUT,PATCH,DELETE /v1/environments/{env}: 403 ACCESS_FAILED The request could not be completed. A user access token cannot perform this operation.
        user GET,POST,PUT,PATCH,DELETE /v1/environments/{missing}: 404 NOT_FOUND The environment {missing} was not found.
        user GET,POST,PUT,PATCH,DELETE /v1/environments/{missing}/applications: 404 NOT_FOUND The environment {missing} was not found.
        user GET,POST,PUT,PATCH,DELETE /v1/environments/{env}/applications: 403 ACCESS_FAILED The request could not be completed. A user access token cannot perform this operation.
        user GET,POST,PUT,PATCH,DELETE /v1/environments/{env}/applications/{app}: 403 ACCESS_FAILED The request could not be completed. A user access token cannot perform this operation.
        user GET,POST,PUT,PATCH,DELETE /v1/environments/{env}/applications/{missing}: 403 ACCESS_FAILED The request could not be completed. A user access token cannot perform this operation.
        user GET,POST,PUT,PATCH,DELETE /v1/environments/{env}/applications/{app}/secret: 403 ACCESS_FAILED The request could not be completed. A user access token cannot perform this operation.
        user GET,POST,PUT,PATCH,DELETE /v1/environments/{env}/applications/{missing}/secret: 403 ACCESS_FAILED The request could not be completed. A user access token cannot perform this operation.
        user GET,POST,PUT,PATCH,DELETE /v1/environments/{env}/applications/{app}/grants: 403 ACCESS_FAILED The request could not be completed. A user access token cannot perform this operation.
        user GET,POST,PUT,PATCH,DELETE /v1/environments/{env}/applications/{missing}/grants: 403 ACCESS_FAILED The request could not be completed. A user access token cannot perform this operation.
        user GET,POST,PUT,PATCH,DELETE /v1/environments/{env}/applications/{app}/grants/{grant}: 403 ACCESS_FAILED The request could not be completed. A user access token cannot perform this operation.
        user GET,POST,PUT,PATCH,DELETE /v1/environments/{env}/applications/{app}/grants/{missing}: 403 ACCESS_FAILED The request could not be completed. A user access token cannot perform this operation.
        user GET,POST,PUT,PATCH,DELETE /v1/environments/{env}/applications/{missing}/grants/{grant}: 403 ACCESS_FAILED The request could not be completed. A user access token cannot perform this operation.
        user GET,POST,PUT,PATCH,DELETE /v1/environments/{env}/applications/{app}/other: 403 ACCESS_FAILED The request could not be completed. A user access token cannot perform this operation.
        user GET,POST,PUT,PATCH,DELETE /v1/environments/{env}/applications/{app}/grants/{grant}/more: 403 ACCESS_FAILED The request could not be completed. A user access token cannot perform this operation.
        user GET,POST,PUT,PATCH,DELETE /v1/environments/{env}/resources: 403 ACCESS_FAILED The request could not be completed. A user access token cannot perform this operation.
        user GET,POST,PUT,PATCH,DELETE /v1/environments/{env}/resources/{resource}: 403 ACCESS_FAILED The request could not be completed. A user access token cannot perform this operation.
        user GET,POST,PUT,PATCH,DELETE /v1/environments/{env}/resources/{missing}: 403 ACCESS_FAILED The request could not be completed. A user access token cannot perform this operation.
        user GET,POST,PUT,PATCH,DELETE /v1/environments/{env}/resources/{resource}/scopes: 403 ACCESS_FAILED The request could not be completed. A user access token cannot perform this operation.
        user GET,POST,PUT,PATCH,DELETE /v1/environments/{env}/resources/{missing}/scopes: 403 ACCESS_FAILED The request could not be completed. A user access token cannot perform this operation.
        user GET,POST,PUT,PATCH,DELETE /v1/environments/{env}/resources/{resource}/scopes/{missing}: 403 ACCESS_FAILED The request could not be completed. A user access token cannot perform this operation.
        user GET,POST,PUT,PATCH,DELETE /v1/environments/{env}/populations: 403 ACCESS_FAILED The request could not be completed. A user access token cannot perform this operation.
        user GET,POST,PUT,PATCH,DELETE /v1/environments/{env}/populations/{population}: 403 ACCESS_FAILED The request could not be completed. A user access token cannot perform this operation.
        user GET,POST,PUT,PATCH,DELETE /v1/environments/{env}/populations/{missing}: 403 ACCESS_FAILED The request could not be completed. A user access token cannot perform this operation.
        user GET,POST,PUT,PATCH,DELETE /v1/environments/{env}/users: 403 ACCESS_FAILED The request could not be completed. A user access token cannot perform this operation.
        user GET /v1/environments/{env}/users/{user}: 200
        user POST,PUT,DELETE /v1/environments/{env}/users/{user}: 403 ACCESS_FAILED The request could not be completed. A user access token cannot perform this operation.
        user PATCH /v1/environments/{env}/users/{user}: 415 INVALID_REQUEST Unsupported Content-Type 'none'; this operation expects 'application/json'.
        user GET,POST,PUT,PATCH,DELETE /v1/environments/{env}/users/{missing}: 403 ACCESS_FAILED The request could not be completed. A user access token cannot perform this operation.
        user GET,POST,PUT,PATCH,DELETE /v1/environments/{env}/users/{user}/password: 403 ACCESS_FAILED The request could not be completed. A user access token cannot perform this operation.
        user GET,POST,PUT,PATCH,DELETE /v1/environments/{env}/users/{missing}/password: 403 ACCESS_FAILED The request could not be completed. A user access token cannot perform this operation.
        user GET,POST,PUT,PATCH,DELETE /v1/environments/{env}/unknown: 403 ACCESS_FAILED The request could not be completed. A user access token cannot perform this operation.
        user GET,POST,PUT,PATCH,DELETE /v1/environments: 404 NOT_FOUND The requested resource was not found.
        user GET,POST,PUT,PATCH,DELETE /v1: 404 NOT_FOUND The requested resource was not found.
        user GET,POST,PUT,PATCH,DELETE /: 404 NOT_FOUND The requested resource was not found.
        """#
    static let expectedNoRoles = #"""
        worker GET,POST /v1/environments/{env}: 403 ACCESS_FAILED The request could not be completed. The worker application has no role that grants access to environment {env}.
        worker GET,POST /v1/environments/{missing}: 404 NOT_FOUND The environment {missing} was not found.
        worker GET,POST /v1/environments/{missing}/applications: 404 NOT_FOUND The environment {missing} was not found.
        worker GET,POST /v1/environments/{env}/applications: 403 ACCESS_FAILED The request could not be completed. The worker application has no role that grants access to environment {env}.
        worker GET,POST /v1/environments/{env}/applications/{app}: 403 ACCESS_FAILED The request could not be completed. The worker application has no role that grants access to environment {env}.
        worker GET,POST /v1/environments/{env}/applications/{missing}: 403 ACCESS_FAILED The request could not be completed. The worker application has no role that grants access to environment {env}.
        worker GET,POST /v1/environments/{env}/applications/{app}/secret: 403 ACCESS_FAILED The request could not be completed. The worker application has no role that grants access to environment {env}.
        worker GET,POST /v1/environments/{env}/applications/{missing}/secret: 403 ACCESS_FAILED The request could not be completed. The worker application has no role that grants access to environment {env}.
        worker GET,POST /v1/environments/{env}/applications/{app}/grants: 403 ACCESS_FAILED The request could not be completed. The worker application has no role that grants access to environment {env}.
        worker GET,POST /v1/environments/{env}/applications/{missing}/grants: 403 ACCESS_FAILED The request could not be completed. The worker application has no role that grants access to environment {env}.
        worker GET,POST /v1/environments/{env}/applications/{app}/grants/{grant}: 403 ACCESS_FAILED The request could not be completed. The worker application has no role that grants access to environment {env}.
        worker GET,POST /v1/environments/{env}/applications/{app}/grants/{missing}: 403 ACCESS_FAILED The request could not be completed. The worker application has no role that grants access to environment {env}.
        worker GET,POST /v1/environments/{env}/applications/{missing}/grants/{grant}: 403 ACCESS_FAILED The request could not be completed. The worker application has no role that grants access to environment {env}.
        worker GET,POST /v1/environments/{env}/applications/{app}/other: 403 ACCESS_FAILED The request could not be completed. The worker application has no role that grants access to environment {env}.
        worker GET,POST /v1/environments/{env}/applications/{app}/grants/{grant}/more: 403 ACCESS_FAILED The request could not be completed. The worker application has no role that grants access to environment {env}.
        worker GET,POST /v1/environments/{env}/resources: 403 ACCESS_FAILED The request could not be completed. The worker application has no role that grants access to environment {env}.
        worker GET,POST /v1/environments/{env}/resources/{resource}: 403 ACCESS_FAILED The request could not be completed. The worker application has no role that grants access to environment {env}.
        worker GET,POST /v1/environments/{env}/resources/{missing}: 403 ACCESS_FAILED The request could not be completed. The worker application has no role that grants access to environment {env}.
        worker GET,POST /v1/environments/{env}/resources/{resource}/scopes: 403 ACCESS_FAILED The request could not be completed. The worker application has no role that grants access to environment {env}.
        worker GET,POST /v1/environments/{env}/resources/{missing}/scopes: 403 ACCESS_FAILED The request could not be completed. The worker application has no role that grants access to environment {env}.
        worker GET,POST /v1/environments/{env}/resources/{resource}/scopes/{missing}: 403 ACCESS_FAILED The request could not be completed. The worker application has no role that grants access to environment {env}.
        worker GET,POST /v1/environments/{env}/populations: 403 ACCESS_FAILED The request could not be completed. The worker application has no role that grants access to environment {env}.
        worker GET,POST /v1/environments/{env}/populations/{population}: 403 ACCESS_FAILED The request could not be completed. The worker application has no role that grants access to environment {env}.
        worker GET,POST /v1/environments/{env}/populations/{missing}: 403 ACCESS_FAILED The request could not be completed. The worker application has no role that grants access to environment {env}.
        worker GET,POST /v1/environments/{env}/users: 403 ACCESS_FAILED The request could not be completed. The worker application has no role that grants access to environment {env}.
        worker GET,POST /v1/environments/{env}/users/{user}: 403 ACCESS_FAILED The request could not be completed. The worker application has no role that grants access to environment {env}.
        worker GET,POST /v1/environments/{env}/users/{missing}: 403 ACCESS_FAILED The request could not be completed. The worker application has no role that grants access to environment {env}.
        worker GET,POST /v1/environments/{env}/users/{user}/password: 403 ACCESS_FAILED The request could not be completed. The worker application has no role that grants access to environment {env}.
        worker GET,POST /v1/environments/{env}/users/{missing}/password: 403 ACCESS_FAILED The request could not be completed. The worker application has no role that grants access to environment {env}.
        worker GET,POST /v1/environments/{env}/unknown: 403 ACCESS_FAILED The request could not be completed. The worker application has no role that grants access to environment {env}.
        worker GET,POST /v1/environments: 404 NOT_FOUND The requested resource was not found.
        worker GET,POST /v1: 404 NOT_FOUND The requested resource was not found.
        worker GET,POST /: 404 NOT_FOUND The requested resource was not found.
        """#
}
