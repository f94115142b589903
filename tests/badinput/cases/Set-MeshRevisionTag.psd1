# Set-MeshRevisionTag: revision 'stable' is installed and is the target of tag 'default'.
@{
    Cmdlet = 'Set-MeshRevisionTag'
    Cases  = @(
        @{ Name = 'tag-invalid-underscore'; Params = @{ Tag = 'Bad_Tag'; Revision = 'stable' }; ErrorId = 'InvalidRevisionTagName'; Category = 'InvalidArgument' }
        @{ Name = 'tag-upper-case'; Params = @{ Tag = 'Prod'; Revision = 'stable' }; ErrorId = 'InvalidRevisionTagName'; Category = 'InvalidArgument' }
        @{ Name = 'tag-64-chars'; Params = @{ Tag = 'tttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt'; Revision = 'stable' }; ErrorId = 'InvalidRevisionTagName'; Category = 'InvalidArgument' }
        @{ Name = 'tag-leading-dash'; Params = @{ Tag = '-prod'; Revision = 'stable' }; ErrorId = 'InvalidRevisionTagName'; Category = 'InvalidArgument' }
        @{ Name = 'tag-slash'; Params = @{ Tag = 'a/b'; Revision = 'stable' }; ErrorId = 'InvalidRevisionTagName'; Category = 'InvalidArgument' }
        @{ Name = 'tag-is-revision-name'; Params = @{ Tag = 'stable'; Revision = 'stable' }; ErrorId = 'RevisionTagNameIsRevision'; Category = 'InvalidArgument' }
        @{ Name = 'revision-unknown'; Params = @{ Tag = 'prod'; Revision = 'nope' }; ErrorId = 'RevisionNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'revision-unknown-force'; Params = @{ Tag = 'prod'; Revision = 'nope'; Force = $true }; ErrorId = 'RevisionInjectorNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'revision-invalid'; Params = @{ Tag = 'prod'; Revision = 'BAD.REV' }; ErrorId = 'RevisionInvalid'; Category = 'InvalidArgument' }
        @{ Name = 'revision-is-a-tag'; Params = @{ Tag = 'prod'; Revision = 'default' }; ErrorId = 'RevisionNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'default-to-unknown'; Params = @{ Tag = 'default'; Revision = 'nope' }; ErrorId = 'RevisionNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'tag-empty'; Params = @{ Tag = ''; Revision = 'stable' }; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData' }
    )
}
