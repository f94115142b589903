# Disable-MeshInjection: namespaces 'test' and 'prod' exist.
@{
    Cmdlet = 'Disable-MeshInjection'
    Cases  = @(
        @{ Name = 'namespace-unknown'; Params = @{ Namespace = 'nope' }; ErrorId = 'NamespaceNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'namespace-unknown-explicit'; Params = @{ Namespace = 'nope'; Explicit = $true }; ErrorId = 'NamespaceNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'namespace-invalid-name'; Params = @{ Namespace = 'Bad_NS' }; ErrorId = 'NamespaceNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'namespace-64-chars'; Params = @{ Namespace = 'nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn' }; ErrorId = 'NamespaceNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'namespace-empty'; Params = @{ Namespace = '' }; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData' }
        @{ Name = 'namespace-null-in-list'; Params = @{ Namespace = @('test', $null) }; ErrorId = 'ParameterArgumentTransformationError'; Category = 'InvalidData' }
    )
}
