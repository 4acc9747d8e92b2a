import Foundation

extension ResponseDecoder {
    /// A created sign-on policy (201).
    public static func decodeCreatedSignOnPolicy(_ response: HTTPResponse) throws(PingOneError) -> SignOnPolicy {
        try decodeJSON(SignOnPolicy.self, from: response, expected: 201)
    }

    /// A page of sign-on policies (200).
    public static func decodeSignOnPolicies(_ response: HTTPResponse) throws(PingOneError) -> ListPage<SignOnPolicy> {
        try decodeList(SignOnPolicy.self, from: response)
    }

    /// A created sign-on policy action (201).
    public static func decodeCreatedSignOnPolicyAction(_ response: HTTPResponse) throws(PingOneError) -> SignOnPolicyAction {
        try decodeJSON(SignOnPolicyAction.self, from: response, expected: 201)
    }

    /// A page of a policy's actions (200).
    public static func decodeSignOnPolicyActions(_ response: HTTPResponse) throws(PingOneError) -> ListPage<SignOnPolicyAction> {
        try decodeList(SignOnPolicyAction.self, from: response)
    }

    /// A created sign-on policy assignment (201).
    public static func decodeCreatedSignOnPolicyAssignment(_ response: HTTPResponse) throws(PingOneError) -> SignOnPolicyAssignment {
        try decodeJSON(SignOnPolicyAssignment.self, from: response, expected: 201)
    }

    /// A page of an application's sign-on policy assignments (200).
    public static func decodeSignOnPolicyAssignments(_ response: HTTPResponse)
        throws(PingOneError) -> ListPage<SignOnPolicyAssignment>
    {
        try decodeList(SignOnPolicyAssignment.self, from: response)
    }
}

extension SignOnPolicy: EmbeddedListItem { static var embeddedKey: String { "signOnPolicies" } }
extension SignOnPolicyAction: EmbeddedListItem { static var embeddedKey: String { "actions" } }
extension SignOnPolicyAssignment: EmbeddedListItem { static var embeddedKey: String { "signOnPolicyAssignments" } }
