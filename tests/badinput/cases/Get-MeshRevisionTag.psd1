@{
    Cmdlet = 'Get-MeshRevisionTag'
    Cases  = @(
        @{ Name = 'tag-unknown'; Params = @{ Tag = 'nope' }; ErrorId = 'RevisionTagNotFound'; Category = 'ObjectNotFound' }
        @{ Name = 'tag-invalid'; Params = @{ Tag = 'Bad_Tag' }; ErrorId = 'RevisionTagNotFound'; Category = 'ObjectNotFound' }
    )
}
