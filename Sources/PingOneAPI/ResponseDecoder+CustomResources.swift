import Foundation

extension ResponseDecoder {
    /// `POST …/resources` (201): the created custom resource.
    public static func decodeCreatedCustomResource(_ response: HTTPResponse) throws(PingOneError) -> CustomResource {
        try decodeJSON(CustomResource.self, from: response, expected: 201)
    }

    /// `GET …/resources` (200): a page of resources with their descriptions and audiences.
    public static func decodeCustomResources(_ response: HTTPResponse) throws(PingOneError) -> ListPage<CustomResource> {
        try decodeList(CustomResource.self, from: response)
    }

    /// `POST …/resources/{resourceID}/scopes` (201): the created scope.
    public static func decodeCreatedScope(_ response: HTTPResponse) throws(PingOneError) -> Scope {
        try decodeJSON(Scope.self, from: response, expected: 201)
    }

    /// `POST {auth}/{envID}/as/introspect` (200): the introspection answer.
    public static func decodeIntrospection(_ response: HTTPResponse) throws(PingOneError) -> TokenIntrospection {
        try decodeJSON(TokenIntrospection.self, from: response, expected: 200)
    }
}
