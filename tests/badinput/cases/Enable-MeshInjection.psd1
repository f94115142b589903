# Enable-MeshInjection: namespaces 'test' and 'prod' exist; revision 'stable' is installed and tagged 'default'.
@{
    Cmdlet = 'Enable-MeshInjection'
    Cases  = @(
        @{ Name = 'namespace-unknown'; Params = @{ Namespace = 'nope'; Revision = 'stable' }; ErrorId = 'NamespaceNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'namespace-one-of-two-unknown'; Params = @{ Namespace = @('test', 'nope'); Revision = 'stable' }; ErrorId = 'NamespaceNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'namespace-invalid-name'; Params = @{ Namespace = 'Bad_NS'; Revision = 'stable' }; ErrorId = 'NamespaceNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'revision-unknown'; Params = @{ Namespace = 'test'; Revision = 'nope' }; ErrorId = 'RevisionNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'revision-dot'; Params = @{ Namespace = 'test'; Revision = 'BAD.REV' }; ErrorId = 'RevisionInvalid'; Category = 'InvalidArgument' }
        @{ Name = 'revision-dot-force'; Params = @{ Namespace = 'test'; Revision = 'BAD.REV'; Force = $true }; ErrorId = 'RevisionInvalid'; Category = 'InvalidArgument' }
        @{ Name = 'revision-upper-case-force'; Params = @{ Namespace = 'test'; Revision = 'Stable'; Force = $true }; ErrorId = 'RevisionInvalid'; Category = 'InvalidArgument' }
        @{ Name = 'revision-space-force'; Params = @{ Namespace = 'test'; Revision = 'a b'; Force = $true }; ErrorId = 'RevisionInvalid'; Category = 'InvalidArgument' }
        @{ Name = 'revision-64-chars-force'; Params = @{ Namespace = 'test'; Revision = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'; Force = $true }; ErrorId = 'RevisionInvalid'; Category = 'InvalidArgument' }
        @{ Name = 'revision-leading-dash-force'; Params = @{ Namespace = 'test'; Revision = '-rev'; Force = $true }; ErrorId = 'RevisionInvalid'; Category = 'InvalidArgument' }
        @{ Name = 'revision-slash-force'; Params = @{ Namespace = 'test'; Revision = 'a/b'; Force = $true }; ErrorId = 'RevisionInvalid'; Category = 'InvalidArgument' }
        @{ Name = 'revision-empty'; Params = @{ Namespace = 'test'; Revision = '' }; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData' }
        @{ Name = 'namespace-empty'; Params = @{ Namespace = ''; Revision = 'stable' }; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData' }
    )
}
